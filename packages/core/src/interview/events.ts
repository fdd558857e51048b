import type { Channel, Instant } from '../domain/types.js';
import type { Meeting, PrepItem } from './interview.js';

/** The student sent the first outreach (email, or phone when they know the person). */
export interface SendOutreach {
  type: 'send_outreach';
  at: Instant;
  channel: Channel;
}
/** The student followed up after no reply (the second and last unsolicited attempt). */
export interface SendFollowUp {
  type: 'send_follow_up';
  at: Instant;
  channel: Channel;
}
/** The contact answered: accepted (optionally with the meeting time) or declined. */
export interface ReceiveReply {
  type: 'receive_reply';
  at: Instant;
  response: 'accepted' | 'declined';
  meeting?: Meeting;
}
/** The meeting was set or moved (moving it keeps the interview scheduled). */
export interface ScheduleMeeting {
  type: 'schedule_meeting';
  at: Instant;
  meeting: Meeting;
}
/** The meeting will not happen: cancelled by either side, or a no-show. */
export interface CancelMeeting {
  type: 'cancel_meeting';
  at: Instant;
  reason: 'cancelled' | 'no_show';
}
/** The meeting took place. */
export interface CompleteMeeting {
  type: 'complete';
  at: Instant;
  /** Minutes it really lasted; over the plan only when the contact invited the student to stay. */
  actualMinutes?: number;
  invitedToStay?: boolean;
  businessCardReceived?: boolean;
  askedForReferral?: boolean;
}
/** Prep checklist items ticked or unticked. */
export interface UpdatePrep {
  type: 'update_prep';
  at: Instant;
  items: Partial<Record<PrepItem, boolean>>;
}
/** Notes written after the meeting, with the points learned. */
export interface RecordNotes {
  type: 'record_notes';
  at: Instant;
  learnedPoints: string[];
}
/** The thank-you was sent. */
export interface SendThankYou {
  type: 'send_thank_you';
  at: Instant;
}
/** The contact named someone else to speak with. */
export interface RecordReferral {
  type: 'record_referral';
  at: Instant;
  referralId?: string;
}
/** The contact had nobody to recommend. */
export interface RecordNoReferral {
  type: 'record_no_referral';
  at: Instant;
}
/** The contact raised a specific job; the student may welcome it (`opportunity.welcome`). */
export interface RecordOpportunity {
  type: 'record_opportunity';
  at: Instant;
  title: string;
}
/** The student stopped pursuing this interview. */
export interface Withdraw {
  type: 'withdraw';
  at: Instant;
  reason?: string;
}
/** Timed: no reply after the last allowed attempt — move on (`follow_up.move_on`). */
export interface MarkUnresponsive {
  type: 'mark_unresponsive';
  at: Instant;
}

/** Every event the lifecycle accepts. */
export type InterviewEvent =
  | SendOutreach
  | SendFollowUp
  | ReceiveReply
  | ScheduleMeeting
  | CancelMeeting
  | CompleteMeeting
  | UpdatePrep
  | RecordNotes
  | SendThankYou
  | RecordReferral
  | RecordNoReferral
  | RecordOpportunity
  | Withdraw
  | MarkUnresponsive;

/** An event's type name, e.g. `'send_outreach'`. */
export type InterviewEventType = InterviewEvent['type'];

/** Every event type, in lifecycle order. */
export const INTERVIEW_EVENT_TYPES: readonly InterviewEventType[] = [
  'send_outreach',
  'send_follow_up',
  'receive_reply',
  'schedule_meeting',
  'cancel_meeting',
  'update_prep',
  'complete',
  'record_notes',
  'send_thank_you',
  'record_referral',
  'record_no_referral',
  'record_opportunity',
  'withdraw',
  'mark_unresponsive',
];
