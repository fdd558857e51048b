import type { ServiceContext } from '../services/context.js';
import { applyTimedTransition } from '../services/interviews/apply-timed-transition.js';

/**
 * The port a timed-transition reminder calls: applies the transition (e.g. mark_unresponsive)
 * as the system. Must be idempotent — a reminder is claimed at least once. Tests inject their own.
 */
export type ApplyTimedTransition = (args: {
  ctx: ServiceContext;
  input: { interviewId: string; key: string };
}) => Promise<unknown>;

/** The interviews service's `applyTimedTransition`. */
export const applyTimedTransitionFromService: ApplyTimedTransition = (args) => applyTimedTransition(args);
