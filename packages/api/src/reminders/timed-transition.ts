import type { ServiceContext } from '../services/context.js';

/**
 * The port a timed-transition reminder calls: applies the transition (e.g. mark_unresponsive)
 * as the system. Must be idempotent — a reminder is claimed at least once.
 */
export type ApplyTimedTransition = (args: {
  ctx: ServiceContext;
  input: { interviewId: string; key: string };
}) => Promise<unknown>;

// A variable specifier keeps the interviews service an optional, late-bound dependency.
const SERVICE_MODULE = '../services/interviews/apply-timed-transition.js';

/** The interviews service's `applyTimedTransition`, loaded on first use. */
export const applyTimedTransitionFromService: ApplyTimedTransition = async (args) => {
  const module = (await import(SERVICE_MODULE)) as { applyTimedTransition?: ApplyTimedTransition };
  if (typeof module.applyTimedTransition !== 'function') {
    throw new Error(`${SERVICE_MODULE} does not export applyTimedTransition`);
  }
  return module.applyTimedTransition(args);
};
