/**
 * The built-in policies. `guide` carries the numbers of the career-centre guide
 * (DOMAIN.md's rule table); `two_hour_job_search` is Steve Dalton's 3B7 routine.
 */
import type { Policy, PresetName } from '../domain/policy.js';

/** @internal Freezes a value and everything reachable from it, so a preset cannot be mutated. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** The guide's numbers: 14-day follow-up and move-on, 24 h prep and thank-you, 90-day keep-in-touch. Example: `GUIDE_POLICY.followUpAfter` is `{ amount: 14, unit: 'calendar_days' }`. */
export const GUIDE_POLICY: Policy = deepFreeze<Policy>({
  preset: 'guide',
  followUpAfter: { amount: 14, unit: 'calendar_days' },
  moveOnAfter: { amount: 14, unit: 'calendar_days' },
  maxUnsolicitedAttempts: 2,
  secondContactAfter: null,
  prepDueBefore: { amount: 24, unit: 'hours' },
  minReferralQuestions: 1,
  meetingMinMinutes: 20,
  meetingMaxMinutes: 30,
  notesDueAfter: { amount: 2, unit: 'hours' },
  thankYouDueAfter: { amount: 24, unit: 'hours' },
  thankYouMinPoints: 1,
  thankYouMaxPoints: 2,
  reportBackDueAfter: { amount: 7, unit: 'calendar_days' },
  keepInTouchEvery: { amount: 90, unit: 'calendar_days' },
  milestoneNotifyDueAfter: { amount: 14, unit: 'calendar_days' },
  outreachMaxWords: null,
  outreachConnectionFirst: false,
  outreachNoJobMention: false,
  channelEnforcement: 'warn',
  professionalCap: null,
  weekend: [6, 7],
  holidays: [],
  quietHours: { start: '21:00', end: '08:00' },
  disabledRules: [],
  customRules: [],
  studentOverridable: [],
});

/**
 * Steve Dalton's 3B7 routine: outreach under 100 words, connection first, no mention of jobs;
 * a second person after 3 business days, one follow-up after 7; the rest as the guide.
 * Example: `TWO_HOUR_JOB_SEARCH_POLICY.secondContactAfter` is `{ amount: 3, unit: 'business_days' }`.
 */
export const TWO_HOUR_JOB_SEARCH_POLICY: Policy = deepFreeze<Policy>({
  ...clonePolicy(GUIDE_POLICY),
  preset: 'two_hour_job_search',
  secondContactAfter: { amount: 3, unit: 'business_days' },
  followUpAfter: { amount: 7, unit: 'business_days' },
  moveOnAfter: { amount: 7, unit: 'business_days' },
  outreachMaxWords: 100,
  outreachConnectionFirst: true,
  outreachNoJobMention: true,
});

/** Every preset by name. Example: `PRESETS[override.preset ?? 'guide']`. */
export const PRESETS: Readonly<Record<PresetName, Policy>> = Object.freeze({
  guide: GUIDE_POLICY,
  two_hour_job_search: TWO_HOUR_JOB_SEARCH_POLICY,
});

/** @internal A mutable deep copy of a policy (policies are plain JSON data). */
export function clonePolicy(policy: Policy): Policy {
  return JSON.parse(JSON.stringify(policy)) as Policy;
}
