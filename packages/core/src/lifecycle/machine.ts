import type { Action } from './actions.js';
import * as A from './actions.js';
import type { Check } from './checks.js';
import * as C from './checks.js';
import type { InterviewEventType } from './events.js';
import type { Guard } from './guards.js';
import * as G from './guards.js';
import type { InterviewState } from './states.js';

/** One way an event can move an interview: guards that may refuse, checks that may warn, actions. */
export interface TransitionSpec {
  target: InterviewState;
  /** Selects this candidate among several for the same event (e.g. a reply accepted or declined). */
  when?: Guard;
  guards?: readonly Guard[];
  checks?: readonly Check[];
  actions?: readonly Action[];
  description: string;
}

type StateNode = Partial<Record<InterviewEventType, readonly TransitionSpec[]>>;

const withdraw: readonly TransitionSpec[] = [
  { target: 'withdrawn', actions: [A.close], description: 'The student stops pursuing the interview.' },
];
const afterMeeting = (state: 'completed' | 'nurturing'): StateNode => ({
  record_notes: [
    { target: state, actions: [A.recordNotes], description: 'Notes and learned points recorded.' },
  ],
  record_referral: [
    {
      target: state,
      actions: [A.countReferral],
      description: 'The contact named someone else to speak with.',
    },
  ],
  record_no_referral: [
    { target: state, actions: [A.recordNoReferral], description: 'The contact had nobody to recommend.' },
  ],
  record_opportunity: [
    { target: state, actions: [A.recordOpportunity], description: 'The contact raised a specific job.' },
  ],
});

/** Waiting for an answer, before or after a follow-up: the same events, told apart by the story. */
const waitingForReply = (followUp: string, moveOn: string): StateNode => ({
  send_follow_up: [
    {
      target: 'followed_up',
      guards: [G.underAttemptLimit],
      checks: [C.earlyFollowUp],
      actions: [A.recordAttempt],
      description: followUp,
    },
  ],
  receive_reply: [
    {
      target: 'scheduled',
      when: G.replyAccepted,
      checks: [C.plannedLength],
      actions: [A.recordReply],
      description: 'The contact accepted.',
    },
    {
      target: 'declined',
      when: G.replyDeclined,
      actions: [A.recordReply, A.close],
      description: 'The contact declined.',
    },
  ],
  schedule_meeting: [
    {
      target: 'scheduled',
      checks: [C.plannedLength],
      actions: [A.recordReply, A.setMeeting],
      description: 'A meeting was agreed (the reply is implied).',
    },
  ],
  mark_unresponsive: [
    { target: 'unresponsive', guards: [G.moveOnDue], actions: [A.close], description: moveOn },
  ],
  withdraw,
});

/**
 * The interview lifecycle as one table: for every state, the events it accepts, where each
 * leads, and the named guards, checks and actions on the way. An event missing from a state
 * is refused. The lifecycle diagram in docs/ is generated from this table.
 */
export const LIFECYCLE: Readonly<Record<InterviewState, StateNode>> = {
  prospect: {
    send_outreach: [
      {
        target: 'awaiting_reply',
        guards: [G.channelAllowed, G.professionalCapAllows],
        checks: [C.phoneToUnknown, C.professionalCapWarning],
        actions: [A.recordAttempt],
        description: 'The first outreach asks for a 20–30 minute meeting.',
      },
    ],
    withdraw,
  },
  awaiting_reply: waitingForReply(
    'No reply: follow up (an unsolicited attempt, counted against maxUnsolicitedAttempts).',
    'No reply after the last allowed attempt: move on.',
  ),
  followed_up: waitingForReply(
    'Another follow-up, when the policy allows more than two attempts.',
    'No reply after the follow-up: move on.',
  ),
  scheduled: {
    schedule_meeting: [
      {
        target: 'scheduled',
        checks: [C.plannedLength],
        actions: [A.setMeeting],
        description: 'The meeting is set or moved.',
      },
    ],
    update_prep: [{ target: 'scheduled', actions: [A.updatePrep], description: 'Preparation items ticked.' }],
    record_opportunity: [
      {
        target: 'scheduled',
        actions: [A.recordOpportunity],
        description: 'The contact raised a specific job.',
      },
    ],
    cancel_meeting: [
      { target: 'cancelled', actions: [A.close], description: 'The meeting was cancelled or missed.' },
    ],
    complete: [
      {
        target: 'completed',
        guards: [G.and(G.hasMeeting, G.meetingStarted)],
        checks: [C.overranUninvited, C.closingAsks],
        actions: [A.recordCompletion],
        description: 'The meeting took place.',
      },
    ],
    withdraw,
  },
  completed: {
    send_thank_you: [
      {
        target: 'nurturing',
        checks: [C.lateThankYou],
        actions: [A.recordThankYou],
        description: 'The thank-you was sent: keep in touch from now on.',
      },
    ],
    ...afterMeeting('completed'),
  },
  nurturing: afterMeeting('nurturing'),
  declined: {},
  unresponsive: {},
  cancelled: {},
  withdrawn: {},
};
