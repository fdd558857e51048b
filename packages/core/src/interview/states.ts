/**
 * The interview lifecycle's states. `prospect` → outreach → reply → meeting → thank-you →
 * nurturing; four closed states end an interview that will not happen.
 */
export const INTERVIEW_STATES = [
  'prospect',
  'awaiting_reply',
  'followed_up',
  'scheduled',
  'completed',
  'nurturing',
  'declined',
  'unresponsive',
  'cancelled',
  'withdrawn',
] as const;

/** One state of an interview, e.g. `'awaiting_reply'`. */
export type InterviewState = (typeof INTERVIEW_STATES)[number];

/** What each state means, for people: docs and portals show these. */
export const STATE_DESCRIPTIONS: Readonly<Record<InterviewState, string>> = {
  prospect: 'The student has identified the contact and not reached out yet.',
  awaiting_reply: 'The outreach went out; no answer yet.',
  followed_up: 'No answer to the outreach, so the student followed up; waiting again.',
  scheduled: 'The contact accepted; the 20–30 minute meeting is being set or is set.',
  completed: 'The meeting took place; notes and the thank-you come next.',
  nurturing: 'The thank-you went out; the contact is part of the network: keep in touch.',
  declined: 'The contact said no. Closed.',
  unresponsive: 'No answer after the last allowed attempt: the student moved on. Closed.',
  cancelled: 'The meeting was cancelled or missed. Closed.',
  withdrawn: 'The student stopped pursuing this interview. Closed.',
};

/** States in which the meeting has not happened yet and the student may still withdraw. */
export const OPEN_STATES: readonly InterviewState[] = [
  'prospect',
  'awaiting_reply',
  'followed_up',
  'scheduled',
];

/** States that end an interview without a meeting: nothing is ever due for them. */
export const CLOSED_STATES: readonly InterviewState[] = [
  'declined',
  'unresponsive',
  'cancelled',
  'withdrawn',
];

/** States after the meeting took place: the relationship goes on. */
export const MET_STATES: readonly InterviewState[] = ['completed', 'nurturing'];

/** Whether `state` is closed. Example: `isClosed('declined') === true`. */
export function isClosed(state: InterviewState): boolean {
  return state === 'declined' || state === 'unresponsive' || state === 'cancelled' || state === 'withdrawn';
}

/** Whether the meeting took place. Example: `hasMet('nurturing') === true`. */
export function hasMet(state: InterviewState): boolean {
  return state === 'completed' || state === 'nurturing';
}

/** Whether `value` is a state name. Example: `isInterviewState('scheduled') === true`. */
export function isInterviewState(value: string): value is InterviewState {
  return (INTERVIEW_STATES as readonly string[]).includes(value);
}
