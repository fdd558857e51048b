import type { ServiceContext } from '../context.js';
import { type ActionInput, type ActionResult, applyInterviewEvent } from './apply-event.js';

/** The contact had nobody to recommend: the referral task is satisfied. */
export async function recordNoReferral({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ActionInput & { at?: string | undefined };
}): Promise<ActionResult> {
  return applyInterviewEvent(ctx, input, (_s, at) => ({ type: 'record_no_referral', at }));
}
