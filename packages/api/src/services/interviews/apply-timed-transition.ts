import { evaluateNetwork } from '@infoview/core';
import { ServiceError } from '../../errors.js';
import { type ServiceContext, withTransaction } from '../context.js';
import { loadNetwork } from '../network/load.js';
import { policyForStudent } from '../policies/in-force.js';
import { commitEvent, loadForAction } from './apply-event.js';
import type { InterviewView } from './present.js';

/**
 * What applying a timed transition did: `applied`; `already_applied` (the interview is already
 * unresponsive); `not_due` (the evaluation no longer has that transition due now — a reply came,
 * the policy changed); `not_found` (the interview is gone).
 */
export type TimedTransitionOutcome =
  | { status: 'applied'; interview: InterviewView }
  | { status: 'already_applied' | 'not_due' | 'not_found' };

/**
 * Called by the reminder dispatcher when a `timed_transition` reminder falls due: marks the
 * interview unresponsive as actor `system`, if its current evaluation still has the transition
 * `key` due at `ctx.now()`. Idempotent; runs in a transaction and re-evaluates afterwards.
 * `ctx` is the tenant's (the dispatcher's actor); visibility is the tenant, not a caller's role.
 */
export async function applyTimedTransition({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { interviewId: string; key: string };
}): Promise<TimedTransitionOutcome> {
  return withTransaction(ctx, async (ctx) => {
    let loaded: Awaited<ReturnType<typeof loadForAction>>;
    try {
      loaded = await loadForAction(ctx, input.interviewId, 'system');
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'interview.not_found')
        return { status: 'not_found' };
      throw error;
    }
    if (loaded.interview.state === 'unresponsive') return { status: 'already_applied' };
    const network = await loadNetwork(ctx, loaded.interview.studentId);
    if (!network) return { status: 'not_found' };
    const now = ctx.now().getTime();
    const due = evaluateNetwork(
      network,
      await policyForStudent(ctx, loaded.interview.studentId),
    ).timedTransitions.find((t) => t.key === input.key && t.interviewId === input.interviewId && t.at <= now);
    if (!due) return { status: 'not_due' };
    const { interview } = await commitEvent(
      ctx,
      loaded,
      { type: 'mark_unresponsive', at: now },
      { kind: 'system' },
    );
    return { status: 'applied', interview };
  });
}
