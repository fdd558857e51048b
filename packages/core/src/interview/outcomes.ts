import type { InterviewState } from './states.js';

/** Stable codes for an action the lifecycle or a rule refuses. Never renamed; only added to. */
export const REFUSAL_CODES = [
  'lifecycle.event_not_allowed',
  'interview.closed',
  'attempts.limit_reached',
  'channel.phone_to_unknown',
  'outreach.professional_cap_reached',
  'outreach.do_not_contact',
  'meeting.not_scheduled',
  'meeting.not_yet_held',
  'unresponsive.not_yet_due',
  'timeline.out_of_order',
  'event.invalid',
] as const;

/** A refusal code, e.g. `'attempts.limit_reached'`. */
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** Stable codes for advice the lifecycle gives without refusing. */
export const WARNING_CODES = [
  'channel.phone_to_unknown',
  'outreach.professional_cap_reached',
  'follow_up.early',
  'meeting.too_long',
  'meeting.too_short',
  'meeting.overran_uninvited',
  'meeting.close_missed',
  'after.thank_you_late',
] as const;

/** A warning code, e.g. `'follow_up.early'`. */
export type WarningCode = (typeof WARNING_CODES)[number];

/** What each refusal code means, for docs and problem details. */
export const REFUSAL_MEANINGS: Readonly<Record<RefusalCode, string>> = {
  'lifecycle.event_not_allowed':
    'The interview’s state does not accept this event (the message lists the events it does accept).',
  'interview.closed':
    'The interview is closed (declined, unresponsive, cancelled or withdrawn): nothing more happens.',
  'attempts.limit_reached':
    'Every unsolicited attempt the policy allows (`maxUnsolicitedAttempts`) was made: move on (`follow_up.move_on`).',
  'channel.phone_to_unknown':
    'The tenant refuses (`channelEnforcement: refuse`) a first contact by anything but email with someone the student does not know (`channel.first_contact`).',
  'outreach.professional_cap_reached':
    'The professional already received the capped number of requests from the tenant’s students in the period, and the cap refuses (`outreach.professional_cap`).',
  'outreach.do_not_contact':
    'The professional asked not to be contacted (or was erased): they are on the tenant’s do-not-contact list (`outreach.do_not_contact`).',
  'meeting.not_scheduled': 'The meeting has no date yet, so it cannot be completed.',
  'meeting.not_yet_held': 'The meeting has not started yet, so it cannot be completed.',
  'unresponsive.not_yet_due':
    'Not every allowed attempt was made, or the wait after the last one (`moveOnAfter`) is not over (`follow_up.move_on`).',
  'timeline.out_of_order': 'The event is dated before the interview’s last timeline entry.',
  'event.invalid':
    'The event’s payload is malformed (a non-finite instant, an unknown channel, a meeting outside 1–1440 minutes, …).',
};

/** What each warning code means. */
export const WARNING_MEANINGS: Readonly<Record<WarningCode, string>> = {
  'channel.phone_to_unknown':
    'First contact by phone (or another channel) with someone the student does not know; email is more considerate (`channel.first_contact`).',
  'outreach.professional_cap_reached':
    'The professional already received the capped number of requests; the cap only warns (`outreach.professional_cap`).',
  'follow_up.early':
    'The follow-up went out before `followUpAfter` had passed since the first attempt (`follow_up.due`).',
  'meeting.too_long': 'The planned meeting is longer than `meetingMaxMinutes` (`meeting.length`).',
  'meeting.too_short': 'The planned meeting is shorter than `meetingMinMinutes` (`meeting.length`).',
  'meeting.overran_uninvited':
    'The meeting ran over its planned length without an invitation to stay (`meeting.length`).',
  'meeting.close_missed':
    'The student did not ask for a business card or a referral before leaving (`meeting.close`).',
  'after.thank_you_late':
    'The thank-you went out later than `thankYouDueAfter` after the meeting (`after.thank_you`).',
};

/** Why an action was refused, with the rule and policy that explain it. */
export interface Refusal {
  code: RefusalCode;
  message: string;
  state: InterviewState;
  event: string;
  ruleId?: string;
  policy?: Record<string, unknown>;
  passage?: string;
  /** When the refused action may succeed again, as an ISO instant (the professional cap says so). */
  nextAskAt?: string;
}

/** Advice on an accepted action or a derived situation; never blocks. */
export interface Warning {
  code: WarningCode;
  ruleId: string;
  message: string;
  interviewId?: string;
  policy?: Record<string, unknown>;
  passage?: string;
  /** When the professional can next be asked within the cap, as an ISO instant. */
  nextAskAt?: string;
}
