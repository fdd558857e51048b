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
