import type { ServiceContext } from '../context.js';
import { type ActionInput, type ActionResult, applyInterviewEvent } from './apply-event.js';
import { type MeetingInput, meetingOf } from './meeting-input.js';

/** Sets or moves the meeting (`at` is the meeting's start; the event is dated now). */
export async function scheduleMeeting({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ActionInput & MeetingInput;
}): Promise<ActionResult> {
  return applyInterviewEvent(ctx, { id: input.id, expectedVersion: input.expectedVersion }, (_s, at) => ({
    type: 'schedule_meeting',
    at,
    meeting: meetingOf(input),
  }));
}
