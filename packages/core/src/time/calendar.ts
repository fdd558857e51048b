/**
 * Policy durations on a student's calendar: absolute minutes and hours, calendar days that
 * keep the wall-clock time, business days that skip the tenant's weekend and holidays, and
 * the daily quiet window in which no reminder is delivered.
 */

import type { Duration, Policy, QuietHours } from '../domain/policy.js';
import type { Instant, LocalDate, TimeZone } from '../domain/types.js';
import {
  dayNumber,
  dayNumberOfLocalDate,
  MS_PER_DAY,
  parseLocalDate,
  weekdayOfDayNumber,
  type Zone,
  zoneOf,
} from './zoned.js';

/**
 * Where day-based durations are counted: a time zone plus the tenant's working week.
 * Example: `{ timeZone: 'Europe/Berlin', weekend: new Set([6, 7]), holidays: new Set(['2026-12-25']) }`.
 */
export interface Calendar {
  timeZone: TimeZone;
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are not business days. */
  weekend: ReadonlySet<number>;
  /** `YYYY-MM-DD` dates that are not business days. */
  holidays: ReadonlySet<string>;
}

/** What day-based arithmetic needs from a calendar, in a form cheap to test day by day. */
interface Compiled {
  zone: Zone;
  /** Bit `weekday` set (1 = Monday … 7 = Sunday) for each weekend day. */
  weekendMask: number;
  holidayDays: ReadonlySet<number>;
  /** The same holidays, ascending, for "any holiday in this range?" when skipping whole weeks. */
  sortedHolidays: readonly number[];
  /** Business days in a full week. */
  perWeek: number;
  /** The sets' sizes when compiled: a hand-made calendar whose sets change is recompiled. */
  weekendSize: number;
  holidaysSize: number;
}

/** Calendars built by `calendarFor` carry their compiled form; hand-made ones use `compiledByCalendar`. */
const COMPILED = Symbol('compiled');
type CompiledCalendar = Calendar & { readonly [COMPILED]?: Compiled };
const compiledByCalendar = new WeakMap<Calendar, Compiled>();

function compile(cal: Calendar): Compiled {
  let weekendMask = 0;
  for (const weekday of cal.weekend) {
    if (Number.isInteger(weekday) && weekday >= 1 && weekday <= 7) weekendMask |= 1 << weekday;
  }
  const holidayDays = new Set<number>();
  for (const holiday of cal.holidays) {
    const parts = parseLocalDate(holiday);
    if (parts !== null) holidayDays.add(dayNumber(parts.year, parts.month, parts.day));
  }
  let perWeek = 7;
  for (let weekday = 1; weekday <= 7; weekday++) if ((weekendMask & (1 << weekday)) !== 0) perWeek--;
  return {
    zone: zoneOf(cal.timeZone),
    weekendMask,
    holidayDays,
    sortedHolidays: [...holidayDays].sort((a, b) => a - b),
    perWeek,
    weekendSize: cal.weekend.size,
    holidaysSize: cal.holidays.size,
  };
}

function compiledOf(cal: Calendar): Compiled {
  const own = (cal as CompiledCalendar)[COMPILED];
  if (own !== undefined) return own;
  let compiled = compiledByCalendar.get(cal);
  if (
    compiled === undefined ||
    compiled.weekendSize !== cal.weekend.size ||
    compiled.holidaysSize !== cal.holidays.size ||
    compiled.zone.name !== cal.timeZone
  ) {
    compiled = compile(cal);
    compiledByCalendar.set(cal, compiled);
  }
  return compiled;
}

const calendars = new WeakMap<object, Map<TimeZone, Calendar>>();

/**
 * The calendar a policy's durations are counted on in `timeZone` (memoised per policy object,
 * so treat policies as immutable, as `resolvePolicy` returns them). Throws a RangeError for an
 * unknown zone. Example: `addDuration(at, policy.followUpAfter, calendarFor(student.timeZone, policy))`.
 */
export function calendarFor(timeZone: TimeZone, policy: Pick<Policy, 'weekend' | 'holidays'>): Calendar {
  let byZone = calendars.get(policy);
  if (byZone === undefined) {
    byZone = new Map();
    calendars.set(policy, byZone);
  }
  let calendar = byZone.get(timeZone);
  if (calendar === undefined) {
    const plain: Calendar = {
      timeZone,
      weekend: new Set(policy.weekend),
      holidays: new Set(policy.holidays),
    };
    // The sets are private to this calendar and never change, so compile once.
    calendar = Object.freeze(Object.defineProperty(plain, COMPILED, { value: compile(plain) }));
    byZone.set(timeZone, calendar);
  }
  return calendar;
}

function isWorkingDay(day: number, weekday: number, compiled: Compiled): boolean {
  return (
    (compiled.weekendMask & (1 << weekday)) === 0 &&
    (compiled.holidayDays.size === 0 || !compiled.holidayDays.has(day))
  );
}

/** Whether a holiday falls on a day in [from, to]. */
function hasHolidayIn(from: number, to: number, sorted: readonly number[]): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! <= to;
}

/** Whether a local date is a business day on `cal`. Example: `isBusinessDay('2026-12-25', cal) === false` when it is a holiday. */
export function isBusinessDay(date: LocalDate, cal: Calendar): boolean {
  const day = dayNumberOfLocalDate(date);
  return isWorkingDay(day, weekdayOfDayNumber(day), compiledOf(cal));
}

/**
 * The day number `amount` (≠ 0) business days from `day`. Day 0 is `day` itself when it is
 * a business day, otherwise the nearest business day in the direction of travel; the result
 * is the |amount|-th business day after (or before) day 0.
 */
function addBusinessDayNumbers(day: number, amount: number, compiled: Compiled): number {
  if (compiled.perWeek === 0) throw new RangeError('calendar has no working days');
  const step = amount > 0 ? 1 : -1;
  let current = day;
  let weekday = weekdayOfDayNumber(day);
  while (!isWorkingDay(current, weekday, compiled)) {
    current += step;
    weekday = step > 0 ? (weekday === 7 ? 1 : weekday + 1) : weekday === 1 ? 7 : weekday - 1;
  }
  let remaining = amount > 0 ? amount : -amount;
  while (remaining > compiled.perWeek) {
    // A whole week without a holiday holds exactly `perWeek` business days and keeps the weekday.
    const next = current + 7 * step;
    const holiday =
      step > 0
        ? hasHolidayIn(current + 1, next, compiled.sortedHolidays)
        : hasHolidayIn(next, current - 1, compiled.sortedHolidays);
    if (!holiday) {
      current = next;
      remaining -= compiled.perWeek;
      continue;
    }
    current += step;
    weekday = step > 0 ? (weekday === 7 ? 1 : weekday + 1) : weekday === 1 ? 7 : weekday - 1;
    if (isWorkingDay(current, weekday, compiled)) remaining--;
  }
  while (remaining > 0) {
    current += step;
    weekday = step > 0 ? (weekday === 7 ? 1 : weekday + 1) : weekday === 1 ? 7 : weekday - 1;
    if (isWorkingDay(current, weekday, compiled)) remaining--;
  }
  return current;
}

/**
 * `from` moved by a policy duration (negative amounts move backwards with the same rules).
 * Minutes and hours are absolute: 24 hours is always 86,400,000 ms, even across a DST change.
 * Calendar and business days keep the wall-clock time in `cal.timeZone` (a wall time that
 * falls in a DST gap moves forward by the gap; one shown twice is the earlier instant).
 * Business days skip the weekend and holidays; a start on a non-business day counts from the
 * next business day (the previous one when going backwards), so 1 business day after a
 * Saturday is Tuesday and 1 business day before a Saturday is Thursday. Amount 0 returns `from`.
 * Example: `addDuration(thursdayNoon, { amount: 3, unit: 'business_days' }, cal)` → the next Tuesday, noon.
 */
export function addDuration(from: Instant, duration: Duration, cal: Calendar): Instant {
  const { amount, unit } = duration;
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`duration amount must be an integer; got ${amount}`);
  if (!Number.isFinite(from)) throw new RangeError(`not an instant (epoch ms): ${from}`);
  switch (unit) {
    case 'minutes':
      return from + amount * 60_000;
    case 'hours':
      return from + amount * 3_600_000;
    case 'calendar_days': {
      if (amount === 0) return from;
      const zone = compiledOf(cal).zone;
      return zone.instantOf(zone.localOf(from) + amount * MS_PER_DAY);
    }
    case 'business_days': {
      if (amount === 0) return from;
      const compiled = compiledOf(cal);
      const local = compiled.zone.localOf(from);
      const day = Math.floor(local / MS_PER_DAY);
      const msOfDay = local - day * MS_PER_DAY;
      return compiled.zone.instantOf(addBusinessDayNumbers(day, amount, compiled) * MS_PER_DAY + msOfDay);
    }
    default:
      throw new RangeError(`unknown duration unit: ${JSON.stringify(unit)}`);
  }
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether `value` is a `HH:MM` time of day (00:00–23:59). Example: `isValidTimeOfDay('21:00') === true`. */
export function isValidTimeOfDay(value: unknown): value is string {
  return typeof value === 'string' && HH_MM.test(value);
}

function msOfTimeOfDay(value: string): number {
  const match = HH_MM.exec(value);
  if (match === null) throw new RangeError(`not a HH:MM time of day: ${JSON.stringify(value)}`);
  return (Number(match[1]) * 60 + Number(match[2])) * 60_000;
}

/**
 * The first instant at or after `at` outside the daily quiet window (local `start` inclusive
 * to `end` exclusive; the window may wrap midnight; start = end or null means no window).
 * Example: with `{ start: '21:00', end: '08:00' }`, 23:00 local → 08:00 local the next morning.
 */
export function nextOutsideQuietHours(at: Instant, timeZone: TimeZone, quiet: QuietHours | null): Instant {
  if (quiet === null) return at;
  const start = msOfTimeOfDay(quiet.start);
  const end = msOfTimeOfDay(quiet.end);
  if (start === end) return at;
  const zone = zoneOf(timeZone);
  const local = zone.localOf(at);
  const dayStart = Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
  const msOfDay = local - dayStart;
  let endLocal: number;
  if (start < end) {
    if (msOfDay < start || msOfDay >= end) return at;
    endLocal = dayStart + end;
  } else if (msOfDay >= start) {
    endLocal = dayStart + MS_PER_DAY + end;
  } else if (msOfDay < end) {
    endLocal = dayStart + end;
  } else {
    return at;
  }
  const resolved = zone.instantOf(endLocal);
  if (resolved > at) return resolved;
  // `at` is the second showing of an overlapped wall time and the end resolved to the first:
  // read the end with `at`'s own offset instead.
  return Math.max(at, endLocal - zone.offsetAt(at));
}
