import type { ServiceContext } from '../context.js';
import { type ActionInput, type ActionResult, applyInterviewEvent } from './apply-event.js';
import { type MeetingInput, meetingOf } from './meeting-input.js';

/** The contact answered: accepted (optionally with the meeting) or declined. Removes the pending follow-up. */
export async function recordReply({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ActionInput & {
    response: 'accepted' | 'declined';
    meeting?: MeetingInput | undefined;
    at?: string | undefined;
  };
}): Promise<ActionResult> {
  return applyInterviewEvent(ctx, input, (_snapshot, at) => ({
    type: 'receive_reply',
    at,
    response: input.response,
    ...(input.meeting ? { meeting: meetingOf(input.meeting) } : {}),
  }));
}
