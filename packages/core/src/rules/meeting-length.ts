import type { Policy } from '../domain/policy.js';
import type { Check } from '../interview/checks.js';
import type { TransitionArgs } from '../interview/context.js';
import type { Meeting } from '../interview/interview.js';
import type { Warning } from '../interview/outcomes.js';
import { defineRule } from './rule.js';

// meeting.length — the meeting is asked for and planned at meetingMinMinutes–meetingMaxMinutes;
// longer only when the contact invites the student to stay. The planned-length warning is one
// function, given when the meeting is planned and again while the interview is scheduled.

const ID = 'meeting.length';

/** The warning for a planned length outside the policy's range, or null when it is inside. */
function plannedLengthWarning(
  interviewId: string,
  minutes: number,
  policy: Pick<Policy, 'meetingMinMinutes' | 'meetingMaxMinutes'>,
): Warning | null {
  const { meetingMinMinutes: min, meetingMaxMinutes: max } = policy;
  if (minutes >= min && minutes <= max) return null;
  const long = minutes > max;
  return {
    code: long ? 'meeting.too_long' : 'meeting.too_short',
    ruleId: ID,
    interviewId,
    policy: { meetingMinMinutes: min, meetingMaxMinutes: max },
    passage: meetingLength.record.passage,
    message: `A ${minutes}-minute meeting is ${long ? 'longer' : 'shorter'} than the ${min}–${max} minutes the method asks for.`,
  };
}

function plannedMeeting({ event }: TransitionArgs): Meeting | null {
  if (event.type === 'schedule_meeting') return event.meeting;
  if (event.type === 'receive_reply') return event.meeting ?? null;
  return null;
}

/** The meeting asked for and planned is 20–30 minutes. */
const plannedLength: Check = {
  name: 'plannedLength',
  run: (args) => {
    const meeting = plannedMeeting(args);
    return meeting && plannedLengthWarning(args.interview.id, meeting.durationMinutes, args.ctx.policy);
  },
};

/** Going over is recorded only as "invited to stay". */
const overranUninvited: Check = {
  name: 'overranUninvited',
  run: ({ interview, event }) => {
    if (event.type !== 'complete' || !interview.meeting || event.actualMinutes === undefined) return null;
    if (event.actualMinutes <= interview.meeting.durationMinutes || event.invitedToStay) return null;
    return {
      code: 'meeting.overran_uninvited',
      ruleId: ID,
      interviewId: interview.id,
      passage: meetingLength.record.passage,
      message: `The meeting ran ${event.actualMinutes - interview.meeting.durationMinutes} minutes over without an invitation to stay.`,
    };
  },
};

export const meetingLength = defineRule({
  record: {
    id: 'meeting.length',
    summary: 'The meeting is asked for and planned at 20–30 minutes; longer only when invited to stay.',
    trigger: 'events receive_reply, schedule_meeting, complete; state scheduled',
    condition: 'a planned length outside the range, or an overrun without an invitation',
    effects: ['warning'],
    policyKeys: ['meetingMinMinutes', 'meetingMaxMinutes'],
    source: 'guide',
    passage: 'Keep track of the time. Stay longer only if invited to do so.',
  },
  checks: [
    { events: ['receive_reply', 'schedule_meeting'], target: 'scheduled', check: plannedLength },
    { events: ['complete'], check: overranUninvited },
  ],
  interviews: {
    states: ['scheduled'],
    derive: (interview, run) => {
      const meeting = interview.meeting;
      const warning = meeting && plannedLengthWarning(interview.id, meeting.durationMinutes, run.policy);
      if (warning) run.warning(warning);
    },
  },
});
