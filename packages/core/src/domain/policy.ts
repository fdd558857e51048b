import type { LocalDate } from './types.js';

/** The units a policy duration can be counted in. */
export const DURATION_UNITS = ['minutes', 'hours', 'calendar_days', 'business_days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/**
 * A span of time as a tenant states it. Hours and minutes are absolute (24 h is always
 * 86,400 s, even across a daylight-saving change); calendar and business days keep the
 * wall-clock time in the student's time zone.
 * Example: `{ amount: 3, unit: 'business_days' }`.
 */
export interface Duration {
  amount: number;
  unit: DurationUnit;
}

/** A daily window (student's local time, `HH:MM`) in which no reminder is delivered. */
export interface QuietHours {
  start: string;
  end: string;
}

/** Whether a rule that guards an action refuses it or only warns. */
export type Enforcement = 'warn' | 'refuse';

/** Cap on outreach requests one professional receives from a tenant's students. */
export interface ProfessionalCap {
  maxRequests: number;
  periodDays: number;
  enforcement: Enforcement;
}

/** Where a tenant reminder rule measures from. */
export const REMINDER_ANCHORS = [
  'meeting.start',
  'meeting.end',
  'attempt.first',
  'attempt.last',
  'interview.completed',
  'thank_you.sent',
] as const;
export type ReminderAnchor = (typeof REMINDER_ANCHORS)[number];

/**
 * A tenant's own reminder rule, as data.
 * Example — remind 2 days before a meeting to confirm it:
 * `{ id: 'custom.confirm_meeting', title: 'Confirm the meeting', anchor: 'meeting.start',
 *    offset: { amount: -2, unit: 'calendar_days' }, states: ['scheduled'] }`.
 */
export interface CustomReminderRule {
  /** Must start with `custom.`. */
  id: string;
  title: string;
  description?: string;
  anchor: ReminderAnchor;
  /** Negative amounts are "before" the anchor. */
  offset: Duration;
  /** The interview states in which the reminder applies. */
  states: string[];
}

/** The numbers and switches the rules read. Every number is a tenant policy. */
export interface Policy {
  /** The preset this policy started from. */
  preset: PresetName;
  /** follow_up.due — no reply this long after the first attempt → follow up. */
  followUpAfter: Duration;
  /** follow_up.move_on — no reply this long after the last allowed attempt → unresponsive. */
  moveOnAfter: Duration;
  /** follow_up.move_on — unsolicited attempts allowed before moving on. */
  maxUnsolicitedAttempts: number;
  /** follow_up.second_contact (3B7) — reach a second person at the same organisation; null = off. */
  secondContactAfter: Duration | null;
  /** prep.checklist — the checklist is due this long before the meeting. */
  prepDueBefore: Duration;
  /** prep.questions — minimum next-steps/referral questions on a question list. */
  minReferralQuestions: number;
  /** meeting.length — the meeting asked for and planned, in minutes. */
  meetingMinMinutes: number;
  meetingMaxMinutes: number;
  /** after.notes — notes due this long after the meeting. */
  notesDueAfter: Duration;
  /** after.thank_you — thank-you due this long after the meeting. */
  thankYouDueAfter: Duration;
  /** after.thank_you — learned points a thank-you should mention. */
  thankYouMinPoints: number;
  thankYouMaxPoints: number;
  /** referral.report_back — tell the referrer how it went this long after the meeting. */
  reportBackDueAfter: Duration;
  /** nurture.keep_in_touch — a touchpoint this often with every interviewed contact. */
  keepInTouchEvery: Duration;
  /** milestone.notify — notify interviewed contacts this long after a milestone. */
  milestoneNotifyDueAfter: Duration;
  /** outreach (two_hour_job_search): maximum words in an outreach email; null = no limit. */
  outreachMaxWords: number | null;
  /** outreach (two_hour_job_search): the connection must be stated in the first sentence. */
  outreachConnectionFirst: boolean;
  /** outreach (two_hour_job_search): no mention of jobs at all (stricter than no_job_ask). */
  outreachNoJobMention: boolean;
  /** channel.first_contact — phone to an unknown person: warn or refuse. */
  channelEnforcement: Enforcement;
  /** Care for the professionals: null = no cap. */
  professionalCap: ProfessionalCap | null;
  /** Business days: ISO weekday numbers (1 = Monday … 7 = Sunday) that are the weekend. */
  weekend: number[];
  /** Tenant holidays, skipped by business-day arithmetic. */
  holidays: LocalDate[];
  /** No reminder is delivered inside this window of the student's local time; null = none. */
  quietHours: QuietHours | null;
  /** Rule ids switched off for this tenant. */
  disabledRules: string[];
  /** The tenant's own reminder rules. */
  customRules: CustomReminderRule[];
  /** Policy keys a student may override for themselves. */
  studentOverridable: string[];
}

export const PRESET_NAMES = ['guide', 'two_hour_job_search'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** What a tenant sends: a preset plus any keys it wants to change. */
export type PolicyOverride = Partial<Omit<Policy, 'preset'>> & { preset?: PresetName };

/** One problem with a policy override, naming the field. */
export interface PolicyIssue {
  path: string;
  message: string;
}
