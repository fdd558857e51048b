import type { InterviewState } from './states.js';

/** Stable codes for an action the lifecycle or a rule refuses. Never renamed; only added to. */
export const REFUSAL_CODES = [
  'lifecycle.event_not_allowed',
  'interview.closed',
  'attempts.limit_reached',
  'channel.phone_to_unknown',
  'outreach.professional_cap_reached',
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

/** Why an action was refused, with the rule and policy that explain it. */
export interface Refusal {
  code: RefusalCode;
  message: string;
  state: InterviewState;
  event: string;
  ruleId?: string;
  policy?: Record<string, unknown>;
  passage?: string;
}

/** Advice on an accepted action or a derived situation; never blocks. */
export interface Warning {
  code: WarningCode;
  ruleId: string;
  message: string;
  interviewId?: string;
  policy?: Record<string, unknown>;
  passage?: string;
}
