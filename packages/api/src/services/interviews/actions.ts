import { allowedEvents, type InterviewEventType, type InterviewState } from '@infoview/core';

/** The events only the scheduler applies (a timed transition): no endpoint takes them. */
export const SYSTEM_EVENTS = ['mark_unresponsive'] as const satisfies readonly InterviewEventType[];

/** An event a client sends through an action endpoint. */
export type ActionEvent = Exclude<InterviewEventType, (typeof SYSTEM_EVENTS)[number]>;

/**
 * The action endpoint (`POST /interviews/{id}/<action>`) that applies each event a client may send.
 * A new lifecycle event fails the type check here until it has an endpoint or is a system event.
 */
export const INTERVIEW_ACTIONS: Readonly<Record<ActionEvent, string>> = {
  send_outreach: 'attempts',
  send_follow_up: 'attempts',
  receive_reply: 'reply',
  schedule_meeting: 'meeting',
  cancel_meeting: 'meeting/cancel',
  update_prep: 'prep',
  complete: 'complete',
  record_notes: 'notes',
  send_thank_you: 'thank-you',
  record_referral: 'referrals',
  record_no_referral: 'no-referral',
  record_opportunity: 'opportunities',
  withdraw: 'withdraw',
};

export const ACTION_EVENTS = Object.keys(INTERVIEW_ACTIONS) as ActionEvent[];

const isActionEvent = (event: InterviewEventType): event is ActionEvent =>
  Object.hasOwn(INTERVIEW_ACTIONS, event);

/** What a client may do in `state`: the events it accepts that an endpoint takes. */
export const allowedActions = (state: InterviewState): ActionEvent[] =>
  allowedEvents(state).filter(isActionEvent);
