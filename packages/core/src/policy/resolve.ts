/**
 * Turns what a tenant (or, where allowed, a student) sends into the policy in force,
 * validating every field and collecting every problem with the path of the field.
 */

import {
  type CustomReminderRule,
  DURATION_UNITS,
  type Duration,
  type DurationUnit,
  type Enforcement,
  type Policy,
  type PolicyIssue,
  PRESET_NAMES,
  type PresetName,
  type ProfessionalCap,
  type QuietHours,
  REMINDER_ANCHORS,
  type ReminderAnchor,
} from '../domain/policy.js';
import { INTERVIEW_STATES } from '../interview/states.js';
import { isRuleId, RULE_IDS } from '../rules/ids.js';
import { isValidTimeOfDay } from '../time/calendar.js';
import { isValidLocalDate } from '../time/zoned.js';
import { clonePolicy, deepFreeze, GUIDE_POLICY, PRESETS } from './presets.js';

/** The outcome of resolving a policy: the frozen policy, or every issue found. Example: `if (!r.ok) reply(400, r.issues)`. */
export type PolicyResult = { ok: true; policy: Policy } | { ok: false; issues: PolicyIssue[] };

/** Every key of a policy, in the presets' order. Example: `POLICY_KEYS.includes('followUpAfter')`. */
export const POLICY_KEYS: readonly (keyof Policy)[] = Object.freeze(
  Object.keys(GUIDE_POLICY) as (keyof Policy)[],
);

/** Keys a tenant may list in `studentOverridable` (all but `preset` and `studentOverridable`). Example: `STUDENT_OVERRIDABLE_KEYS.includes('quietHours')`. */
export const STUDENT_OVERRIDABLE_KEYS: readonly (keyof Policy)[] = Object.freeze(
  POLICY_KEYS.filter((key) => key !== 'preset' && key !== 'studentOverridable'),
);

/** Largest duration per unit: about a year for minutes and hours, about ten years for days. */
const MAX_AMOUNT: Record<DurationUnit, number> = {
  minutes: 525_600,
  hours: 8_784,
  calendar_days: 3_660,
  business_days: 2_610,
};

const UNIT_NOUN: Record<DurationUnit, string> = {
  minutes: 'minutes',
  hours: 'hours',
  calendar_days: 'days',
  business_days: 'business days',
};

const MAX_CUSTOM_RULES = 100;
const MAX_HOLIDAYS = 1_000;
const CUSTOM_RULE_ID = /^custom\.[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const INVALID = Symbol('invalid');
type Checked<T> = T | typeof INVALID;
type Check<T> = (value: unknown, path: string, issues: PolicyIssue[]) => Checked<T>;

/** A short, safe rendering of a bad value for a message. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectWith(
  value: unknown,
  path: string,
  issues: PolicyIssue[],
  keys: readonly string[],
): Record<string, unknown> | null {
  if (!isRecord(value)) {
    issues.push({ path, message: `must be an object; got ${show(value)}` });
    return null;
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key))
      issues.push({ path: `${path}.${key}`, message: `unknown key (allowed: ${keys.join(', ')})` });
  }
  return value;
}

function count(min: number, max: number): Check<number> {
  return (value, path, issues) => {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    issues.push({ path, message: `must be an integer from ${min} to ${max}; got ${show(value)}` });
    return INVALID;
  };
}

function oneOf<T extends string>(allowed: readonly T[]): Check<T> {
  return (value, path, issues) => {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    issues.push({ path, message: `must be one of ${allowed.join(', ')}; got ${show(value)}` });
    return INVALID;
  };
}

const flag: Check<boolean> = (value, path, issues) => {
  if (typeof value === 'boolean') return value;
  issues.push({ path, message: `must be true or false; got ${show(value)}` });
  return INVALID;
};

function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, path, issues) => (value === null ? null : check(value, path, issues));
}

/** A list of items, each checked; duplicates (by `key`) are issues too. */
function list<T>(item: Check<T>, max: number, key: (value: T) => unknown = (value) => value): Check<T[]> {
  return (value, path, issues) => {
    if (!Array.isArray(value)) {
      issues.push({ path, message: `must be an array; got ${show(value)}` });
      return INVALID;
    }
    if (value.length > max) {
      issues.push({ path, message: `must have at most ${max} entries; got ${value.length}` });
      return INVALID;
    }
    const result: T[] = [];
    const seen = new Set<unknown>();
    let valid = true;
    value.forEach((entry, index) => {
      const checked = item(entry, `${path}[${index}]`, issues);
      if (checked === INVALID) {
        valid = false;
      } else if (seen.has(key(checked))) {
        issues.push({
          path: `${path}[${index}]`,
          message: `duplicate of an earlier entry: ${show(key(checked))}`,
        });
        valid = false;
      } else {
        seen.add(key(checked));
        result.push(checked);
      }
    });
    return valid ? result : INVALID;
  };
}

/** A duration; `signed` allows negative amounts (custom rule offsets), never 0. */
function duration(signed: boolean): Check<Duration> {
  return (value, path, issues) => {
    const record = objectWith(value, path, issues, ['amount', 'unit']);
    if (record === null) return INVALID;
    const unit = oneOf(DURATION_UNITS)(record.unit, `${path}.unit`, issues);
    const noun = unit === INVALID ? '' : ` (${UNIT_NOUN[unit]})`;
    const amount = record.amount;
    const kind = signed ? 'a non-zero integer' : 'a positive integer';
    if (typeof amount !== 'number' || !Number.isInteger(amount) || (signed ? amount === 0 : amount <= 0)) {
      issues.push({ path: `${path}.amount`, message: `must be ${kind}${noun}; got ${show(amount)}` });
      return INVALID;
    }
    if (unit === INVALID) return INVALID;
    if (Math.abs(amount) > MAX_AMOUNT[unit]) {
      issues.push({
        path: `${path}.amount`,
        message: `must be at most ${MAX_AMOUNT[unit]}${noun} in size; got ${amount}`,
      });
      return INVALID;
    }
    return { amount, unit };
  };
}

const weekday: Check<number> = (value, path, issues) => {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 7) return value;
  issues.push({ path, message: `must be an ISO weekday, 1 (Monday) to 7 (Sunday); got ${show(value)}` });
  return INVALID;
};

const weekend: Check<number[]> = (value, path, issues) => {
  const days = list(weekday, 7)(value, path, issues);
  if (days === INVALID) return INVALID;
  if (days.length === 7) {
    issues.push({ path, message: 'must leave at least one working day; got all seven weekdays' });
    return INVALID;
  }
  return days.sort((a, b) => a - b);
};

const localDate: Check<string> = (value, path, issues) => {
  if (isValidLocalDate(value)) return value;
  issues.push({ path, message: `must be a real calendar date as YYYY-MM-DD; got ${show(value)}` });
  return INVALID;
};

const holidays: Check<string[]> = (value, path, issues) => {
  const dates = list(localDate, MAX_HOLIDAYS)(value, path, issues);
  return dates === INVALID ? INVALID : dates.sort();
};

const timeOfDay: Check<string> = (value, path, issues) => {
  if (isValidTimeOfDay(value)) return value;
  issues.push({ path, message: `must be a time of day as HH:MM (00:00–23:59); got ${show(value)}` });
  return INVALID;
};

const quietHours: Check<QuietHours> = (value, path, issues) => {
  const record = objectWith(value, path, issues, ['start', 'end']);
  if (record === null) return INVALID;
  const start = timeOfDay(record.start, `${path}.start`, issues);
  const end = timeOfDay(record.end, `${path}.end`, issues);
  if (start === INVALID || end === INVALID) return INVALID;
  if (start === end) {
    issues.push({
      path,
      message: `start and end must differ (use null for no quiet hours); got ${start}–${end}`,
    });
    return INVALID;
  }
  return { start, end };
};

const enforcement = oneOf<Enforcement>(['warn', 'refuse']);

const professionalCap: Check<ProfessionalCap> = (value, path, issues) => {
  const record = objectWith(value, path, issues, ['maxRequests', 'periodDays', 'enforcement']);
  if (record === null) return INVALID;
  const maxRequests = count(1, 10_000)(record.maxRequests, `${path}.maxRequests`, issues);
  const periodDays = count(1, 3_660)(record.periodDays, `${path}.periodDays`, issues);
  const mode = enforcement(record.enforcement, `${path}.enforcement`, issues);
  if (maxRequests === INVALID || periodDays === INVALID || mode === INVALID) return INVALID;
  return { maxRequests, periodDays, enforcement: mode };
};

const text =
  (max: number): Check<string> =>
  (value, path, issues) => {
    if (typeof value === 'string' && value.trim() !== '' && value.length <= max) return value;
    issues.push({ path, message: `must be non-empty text of at most ${max} characters; got ${show(value)}` });
    return INVALID;
  };

const customRuleId: Check<string> = (value, path, issues) => {
  if (typeof value === 'string' && CUSTOM_RULE_ID.test(value)) return value;
  issues.push({
    path,
    message: `must start with 'custom.' followed by up to 64 letters, digits, '_', '.' or '-'; got ${show(value)}`,
  });
  return INVALID;
};

const customRule: Check<CustomReminderRule> = (value, path, issues) => {
  const record = objectWith(value, path, issues, [
    'id',
    'title',
    'description',
    'anchor',
    'offset',
    'states',
  ]);
  if (record === null) return INVALID;
  const id = customRuleId(record.id, `${path}.id`, issues);
  const title = text(200)(record.title, `${path}.title`, issues);
  const description =
    record.description === undefined
      ? undefined
      : text(2_000)(record.description, `${path}.description`, issues);
  const anchor = oneOf<ReminderAnchor>(REMINDER_ANCHORS)(record.anchor, `${path}.anchor`, issues);
  const offset = duration(true)(record.offset, `${path}.offset`, issues);
  let states = list(oneOf<string>(INTERVIEW_STATES), INTERVIEW_STATES.length)(
    record.states,
    `${path}.states`,
    issues,
  );
  if (states !== INVALID && states.length === 0) {
    issues.push({ path: `${path}.states`, message: 'must name at least one interview state' });
    states = INVALID;
  }
  if (
    id === INVALID ||
    title === INVALID ||
    description === INVALID ||
    anchor === INVALID ||
    offset === INVALID ||
    states === INVALID
  ) {
    return INVALID;
  }
  return description === undefined
    ? { id, title, anchor, offset, states }
    : { id, title, description, anchor, offset, states };
};

const ruleId: Check<string> = (value, _path, _issues) =>
  // Checked against the built-in and custom ids once the custom rules are known.
  typeof value === 'string' ? value : INVALID;

const policyKey: Check<string> = (value, path, issues) => {
  if (typeof value === 'string' && (STUDENT_OVERRIDABLE_KEYS as readonly string[]).includes(value))
    return value;
  issues.push({
    path,
    message: `must be a policy key other than preset and studentOverridable; got ${show(value)}`,
  });
  return INVALID;
};

type FieldChecks = { [K in Exclude<keyof Policy, 'preset'>]: Check<Policy[K]> };

const FIELDS: FieldChecks = {
  followUpAfter: duration(false),
  moveOnAfter: duration(false),
  maxUnsolicitedAttempts: count(1, 10),
  secondContactAfter: nullable(duration(false)),
  prepDueBefore: duration(false),
  minReferralQuestions: count(1, 20),
  meetingMinMinutes: count(5, 240),
  meetingMaxMinutes: count(5, 240),
  notesDueAfter: duration(false),
  thankYouDueAfter: duration(false),
  thankYouMinPoints: count(1, 10),
  thankYouMaxPoints: count(1, 10),
  reportBackDueAfter: duration(false),
  keepInTouchEvery: duration(false),
  milestoneNotifyDueAfter: duration(false),
  outreachMaxWords: nullable(count(10, 2_000)),
  outreachConnectionFirst: flag,
  outreachNoJobMention: flag,
  channelEnforcement: enforcement,
  professionalCap: nullable(professionalCap),
  weekend,
  holidays,
  quietHours: nullable(quietHours),
  disabledRules: list(ruleId, RULE_IDS.length + MAX_CUSTOM_RULES),
  customRules: list(customRule, MAX_CUSTOM_RULES, (rule) => rule.id),
  studentOverridable: list(policyKey, STUDENT_OVERRIDABLE_KEYS.length),
};

/** Edit distance, for "did you mean" hints on misspelt keys. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function unknownKey(key: string): PolicyIssue {
  const guess = POLICY_KEYS.find((known) => distance(key, known) <= 2);
  return { path: key, message: `unknown policy key${guess === undefined ? '' : `; did you mean ${guess}?`}` };
}

/**
 * Checks and applies the fields of `override` onto `draft`; `allowed` says whether a known key
 * may be set here (or returns the issue message). Then checks what spans fields.
 */
function applyFields(
  draft: Policy,
  override: Record<string, unknown>,
  allowed: (key: keyof FieldChecks) => string | null,
  issues: PolicyIssue[],
): void {
  const target = draft as unknown as Record<string, unknown>;
  const given: Record<string, unknown> = {};
  const invalid = new Set<string>();
  for (const [key, value] of Object.entries(override)) {
    if (!Object.hasOwn(FIELDS, key)) {
      issues.push(unknownKey(key));
      continue;
    }
    const field = key as keyof FieldChecks;
    const refusal = allowed(field);
    if (refusal !== null) {
      issues.push({ path: key, message: refusal });
      continue;
    }
    given[key] = value;
    const checked = (FIELDS[field] as Check<unknown>)(value, key, issues);
    if (checked === INVALID) invalid.add(key);
    else target[key] = checked;
  }
  checkAcrossFields(draft, given, invalid, issues);
}

function checkOrder(
  draft: Policy,
  given: Record<string, unknown>,
  invalid: ReadonlySet<string>,
  issues: PolicyIssue[],
  low: 'meetingMinMinutes' | 'thankYouMinPoints',
  high: 'meetingMaxMinutes' | 'thankYouMaxPoints',
): void {
  if (invalid.has(low) || invalid.has(high) || draft[low] <= draft[high]) return;
  const path = Object.hasOwn(given, low) ? low : high;
  issues.push({ path, message: `${low} (${draft[low]}) must not exceed ${high} (${draft[high]})` });
}

/** Checks that span fields, given the merged draft and the (allowed) keys that were set. */
function checkAcrossFields(
  draft: Policy,
  given: Record<string, unknown>,
  invalid: ReadonlySet<string>,
  issues: PolicyIssue[],
): void {
  checkOrder(draft, given, invalid, issues, 'meetingMinMinutes', 'meetingMaxMinutes');
  checkOrder(draft, given, invalid, issues, 'thankYouMinPoints', 'thankYouMaxPoints');

  // Disabled rules name built-in rules or this policy's own custom rules. If the custom
  // rules were invalid, the ids they spell are still accepted, to report only real mistakes.
  const customIds = new Set(draft.customRules.map((rule) => rule.id));
  if (invalid.has('customRules') && Array.isArray(given.customRules)) {
    for (const rule of given.customRules)
      if (isRecord(rule) && typeof rule.id === 'string') customIds.add(rule.id);
  }
  const disabled = Object.hasOwn(given, 'disabledRules') ? given.disabledRules : draft.disabledRules;
  if (!Array.isArray(disabled)) return;
  disabled.forEach((id: unknown, index) => {
    if (typeof id === 'string' && (isRuleId(id) || customIds.has(id))) return;
    issues.push({
      path: `disabledRules[${index}]`,
      message: `must be a built-in rule id (e.g. follow_up.due) or the id of one of this policy's custom rules; got ${show(id)}`,
    });
  });
}

function result(draft: Policy, issues: PolicyIssue[]): PolicyResult {
  return issues.length > 0 ? { ok: false, issues } : { ok: true, policy: deepFreeze(draft) };
}

/**
 * The policy in force for a tenant's override: the preset (default `guide`) with the given
 * keys replaced, every field validated, every issue collected. Nothing (`undefined`/`null`)
 * means the guide. The policy returned is deeply frozen.
 * Example: `resolvePolicy({ preset: 'guide', followUpAfter: { amount: 10, unit: 'calendar_days' } })`.
 */
export function resolvePolicy(input: unknown): PolicyResult {
  if (input === undefined || input === null) return { ok: true, policy: GUIDE_POLICY };
  if (!isRecord(input))
    return { ok: false, issues: [{ path: '', message: `must be an object; got ${show(input)}` }] };
  const issues: PolicyIssue[] = [];
  let preset: PresetName = 'guide';
  if (input.preset !== undefined) {
    const checked = oneOf(PRESET_NAMES)(input.preset, 'preset', issues);
    if (checked !== INVALID) preset = checked;
  }
  const draft = clonePolicy(PRESETS[preset]);
  const { preset: _preset, ...fields } = input;
  applyFields(draft, fields, () => null, issues);
  return result(draft, issues);
}

/**
 * A student's own changes on top of a resolved policy: only keys the tenant listed in
 * `policy.studentOverridable` may be set; values are validated as for tenants.
 * Example: `applyStudentOverride(policy, { quietHours: { start: '22:00', end: '07:00' } })`.
 */
export function applyStudentOverride(policy: Policy, override: unknown): PolicyResult {
  if (override === undefined || override === null) return { ok: true, policy };
  if (!isRecord(override)) {
    return { ok: false, issues: [{ path: '', message: `must be an object; got ${show(override)}` }] };
  }
  const issues: PolicyIssue[] = [];
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(override)) {
    if (key === 'preset') issues.push({ path: key, message: 'not overridable by students' });
    else fields[key] = value;
  }
  const draft = clonePolicy(policy);
  applyFields(
    draft,
    fields,
    (key) => (policy.studentOverridable.includes(key) ? null : 'not overridable by students'),
    issues,
  );
  return result(draft, issues);
}

/**
 * The values of some policy keys, as recorded on a task to explain it.
 * Example: `policyValues(policy, ['followUpAfter'])` → `{ followUpAfter: { amount: 14, unit: 'calendar_days' } }`.
 */
export function policyValues(policy: Policy, keys: readonly (keyof Policy)[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of keys) values[key] = policy[key];
  return values;
}
