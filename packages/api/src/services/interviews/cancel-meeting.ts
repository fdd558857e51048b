import type { ServiceContext } from '../context.js';
import { type ActionInput, type ActionResult, applyInterviewEvent } from './apply-event.js';

/** The meeting will not happen: cancelled by either side, or a no-show. */
export async function cancelMeeting({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ActionInput & { reason: 'cancelled' | 'no_show'; at?: string | undefined };
}): Promise<ActionResult> {
  return applyInterviewEvent(ctx, input, (_s, at) => ({ type: 'cancel_meeting', at, reason: input.reason }));
}
