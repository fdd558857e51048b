/**
 * Wall-clock time in an IANA time zone, computed without a clock.
 *
 * `Intl.DateTimeFormat` is the only source of time-zone data, and it is slow (microseconds
 * per call), so each zone's UTC offset is cached per UTC week (a flat array; a week with a
 * change stores the change instants): the rule engine converts between instants and wall
 * times millions of times per second. Date arithmetic on local
 * dates (days in a month, weekdays, adding days) is plain integer math on day numbers.
 */
import type { Instant, LocalDate, TimeZone } from '../domain/types.js';

const MS_PER_SECOND = 1_000;
const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
/** @internal */
export const MS_PER_DAY = 86_400_000;

/** A calendar date's fields. Example: `{ year: 2026, month: 12, day: 25 }`. */
export interface DateParts {
  year: number;
  /** 1 = January … 12 = December. */
  month: number;
  day: number;
}

/** A wall time in some zone; omitted time fields are 0. Example: `{ year: 2026, month: 3, day: 8, hour: 9 }`. */
export interface WallTime extends DateParts {
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

/** The wall-clock reading of an instant in a zone. Example: `localParts(0, 'UTC').weekday === 4` (a Thursday). */
export interface LocalParts extends DateParts {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

// ---------------------------------------------------------------------------------------
// Pure calendar math (proleptic Gregorian), after Howard Hinnant's `days_from_civil`.
// A "day number" counts days since 1970-01-01; a "local ms" is a wall time written as if
// it were a UTC instant (day number × 86,400,000 + milliseconds into the day).
// ---------------------------------------------------------------------------------------

/** @internal Days since 1970-01-01 of a calendar date. */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** @internal The calendar date of a day number. */
export function dateOfDayNumber(days: number): DateParts {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** @internal ISO weekday (1 = Monday … 7 = Sunday) of a day number; day 0 was a Thursday. */
export function weekdayOfDayNumber(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** Whether `year` is a Gregorian leap year. Example: `isLeapYear(2028) === true`. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (month 1–12). Example: `daysInMonth(2028, 2) === 29`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The fields of a real `YYYY-MM-DD` date, or null. Example: `parseLocalDate('2026-02-30') === null`. */
export function parseLocalDate(date: string): DateParts | null {
  const match = LOCAL_DATE_PATTERN.exec(date);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Whether `value` is a real calendar date in `YYYY-MM-DD` form. Example: `isValidLocalDate('2028-02-29') === true`. */
export function isValidLocalDate(value: unknown): value is LocalDate {
  return typeof value === 'string' && parseLocalDate(value) !== null;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** A date's `YYYY-MM-DD` form (years 0–9999). Example: `formatLocalDate({ year: 2026, month: 1, day: 5 }) === '2026-01-05'`. */
export function formatLocalDate(date: DateParts): LocalDate {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** @internal The day number of a `YYYY-MM-DD` date; throws a RangeError if it is not a real date. */
export function dayNumberOfLocalDate(date: LocalDate): number {
  const parts = parseLocalDate(date);
  if (parts === null) throw new RangeError(`not a YYYY-MM-DD calendar date: ${JSON.stringify(date)}`);
  return dayNumber(parts.year, parts.month, parts.day);
}

/** @internal The `YYYY-MM-DD` form of a day number. */
export function localDateOfDayNumber(days: number): LocalDate {
  return formatLocalDate(dateOfDayNumber(days));
}

/** Add (or, negative, subtract) whole days to a local date. Example: `addLocalDays('2026-12-31', 1) === '2027-01-01'`. */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer; got ${days}`);
  return localDateOfDayNumber(dayNumberOfLocalDate(date) + days);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local date. Example: `isoWeekday('2026-12-25') === 5` (a Friday). */
export function isoWeekday(date: LocalDate): number {
  return weekdayOfDayNumber(dayNumberOfLocalDate(date));
}

// ---------------------------------------------------------------------------------------
// Time zones: per-zone offset cache.
// ---------------------------------------------------------------------------------------

/** The offsets of one week in which the zone's offset changes (found once by bisection). */
interface WeekWithChanges {
  /** Offset at the start of the week. */
  first: number;
  /** First instant of each new offset, ascending. */
  at: number[];
  offsets: number[];
}

const MS_PER_WEEK = 7 * MS_PER_DAY;
/** Weeks cached in a flat array: from 1874 to 2257 (index 0 = week −5000 since 1970). */
const WEEK_BASE = 5_000;
const WEEK_SLOTS = 20_000;
/** Marks a week in `weeks` whose offset changes within it (offsets are always finite). */
const CHANGES = Number.POSITIVE_INFINITY;
/** Weeks outside the flat array, kept in a map capped at this size. */
const MAX_FAR_WEEKS = 10_000;

/**
 * @internal One zone's formatter and offset cache. The offset is sampled at the start of
 * each UTC week and at the end of each of its days; a week whose samples differ is bisected
 * down to the millisecond. Assumes a zone never changes its offset twice within one day,
 * which holds for every zone in the IANA database.
 */
export class Zone {
  readonly name: string;
  private readonly format: Intl.DateTimeFormat;
  /** Offset (ms) per week; NaN = not computed yet; CHANGES = see `changes`. */
  private readonly weeks = new Float64Array(WEEK_SLOTS).fill(Number.NaN);
  private readonly changes = new Map<number, WeekWithChanges>();
  private readonly farWeeks = new Map<number, number>();

  constructor(name: string) {
    this.name = name;
    // Throws a RangeError for an unknown zone name.
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** UTC offset in ms at `at` (local = at + offset). */
  offsetAt(at: Instant): number {
    const week = Math.floor(at / MS_PER_WEEK);
    const slot = week + WEEK_BASE;
    let offset: number | undefined;
    if (slot >= 0 && slot < WEEK_SLOTS) {
      offset = this.weeks[slot]!;
      if (Number.isNaN(offset)) offset = this.fill(week);
    } else {
      offset = this.farWeeks.get(week);
      if (offset === undefined) offset = this.fill(week);
    }
    if (offset !== CHANGES) return offset;
    const changes = this.changes.get(week)!;
    let result = changes.first;
    for (let i = 0; i < changes.at.length && at >= changes.at[i]!; i++) result = changes.offsets[i]!;
    return result;
  }

  /**
   * The instant showing wall time `local` (a local ms). A wall time skipped by a forward
   * change resolves forward by the gap (02:30 on a spring-forward night → 03:30); a wall
   * time shown twice after a backward change resolves to the earlier instant.
   * Assumes no two offset changes within two days of each other (true of every real zone).
   */
  instantOf(local: number): Instant {
    const before = this.offsetAt(local - MS_PER_DAY);
    const after = this.offsetAt(local + MS_PER_DAY);
    if (before === after) return local - before;
    const early = local - before;
    const late = local - after;
    const earlyFits = this.offsetAt(early) === before;
    const lateFits = this.offsetAt(late) === after;
    if (earlyFits && lateFits) return Math.min(early, late);
    if (lateFits) return late;
    // Either only the pre-change offset fits, or the wall time is in a gap: reading it with
    // the pre-change offset lands the gap's length after the wall time.
    return early;
  }

  /** The local ms (wall time as if UTC) of an instant. */
  localOf(at: Instant): number {
    return at + this.offsetAt(at);
  }

  private fill(week: number): number {
    const start = week * MS_PER_WEEK;
    const first = this.intlOffset(start);
    const at: number[] = [];
    const offsets: number[] = [];
    let previous = first;
    let lo = start;
    for (let day = 1; day <= 7; day++) {
      const hi = start + day * MS_PER_DAY - 1;
      const offset = this.intlOffset(hi);
      if (offset !== previous) {
        at.push(this.firstInstantWith(offset, lo, hi));
        offsets.push(offset);
        previous = offset;
      }
      lo = hi;
    }
    const value = at.length === 0 ? first : CHANGES;
    if (at.length > 0) this.changes.set(week, { first, at, offsets });
    const slot = week + WEEK_BASE;
    if (slot >= 0 && slot < WEEK_SLOTS) {
      this.weeks[slot] = value;
    } else {
      if (this.farWeeks.size >= MAX_FAR_WEEKS) this.farWeeks.clear();
      this.farWeeks.set(week, value);
    }
    return value;
  }

  /** Bisects (lo, hi] for the first instant showing `offset`, given hi shows it and lo does not. */
  private firstInstantWith(offset: number, lo: number, hi: number): number {
    let before = lo;
    let after = hi;
    while (after - before > 1) {
      const mid = Math.floor((before + after) / 2);
      if (this.intlOffset(mid) === offset) after = mid;
      else before = mid;
    }
    return after;
  }

  private intlOffset(at: Instant): number {
    let year = 0;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let bc = false;
    for (const part of this.format.formatToParts(at)) {
      switch (part.type) {
        case 'year':
          year = Number(part.value);
          break;
        case 'month':
          month = Number(part.value);
          break;
        case 'day':
          day = Number(part.value);
          break;
        case 'hour':
          hour = Number(part.value);
          break;
        case 'minute':
          minute = Number(part.value);
          break;
        case 'second':
          second = Number(part.value);
          break;
        case 'era':
          bc = part.value.startsWith('B');
          break;
      }
    }
    if (bc) year = 1 - year;
    const local =
      dayNumber(year, month, day) * MS_PER_DAY +
      hour * MS_PER_HOUR +
      minute * MS_PER_MINUTE +
      second * MS_PER_SECOND;
    // Intl shows whole seconds, so compare with the instant truncated to its second.
    return local - (at - mod(at, MS_PER_SECOND));
  }
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

const zones = new Map<string, Zone>();

/** @internal The cached zone for a name; throws a RangeError for an unknown zone. */
export function zoneOf(timeZone: TimeZone): Zone {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    if (typeof timeZone !== 'string' || timeZone === '') {
      throw new RangeError(`not an IANA time zone: ${JSON.stringify(timeZone)}`);
    }
    try {
      zone = new Zone(timeZone);
    } catch {
      throw new RangeError(`not an IANA time zone: ${JSON.stringify(timeZone)}`);
    }
    zones.set(timeZone, zone);
  }
  return zone;
}

function assertInstant(at: Instant): void {
  if (!Number.isFinite(at)) throw new RangeError(`not an instant (epoch ms): ${at}`);
}

/** Whether `timeZone` is an IANA zone name this runtime knows. Example: `isValidTimeZone('Europe/Berlin') === true`. */
export function isValidTimeZone(timeZone: unknown): timeZone is TimeZone {
  if (typeof timeZone !== 'string') return false;
  try {
    zoneOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's UTC offset at an instant, in ms. Example: `timeZoneOffset(Date.UTC(2026, 0, 1), 'Asia/Kolkata') === 19_800_000`. */
export function timeZoneOffset(at: Instant, timeZone: TimeZone): number {
  assertInstant(at);
  return zoneOf(timeZone).offsetAt(at);
}

/** The wall-clock reading of `at` in `timeZone`. Example: `localParts(Date.UTC(2026, 6, 1, 13), 'America/New_York').hour === 9`. */
export function localParts(at: Instant, timeZone: TimeZone): LocalParts {
  assertInstant(at);
  const local = zoneOf(timeZone).localOf(at);
  const days = Math.floor(local / MS_PER_DAY);
  const msOfDay = local - days * MS_PER_DAY;
  const date = dateOfDayNumber(days);
  return {
    year: date.year,
    month: date.month,
    day: date.day,
    hour: Math.floor(msOfDay / MS_PER_HOUR),
    minute: Math.floor(msOfDay / MS_PER_MINUTE) % 60,
    second: Math.floor(msOfDay / MS_PER_SECOND) % 60,
    millisecond: msOfDay % MS_PER_SECOND,
    weekday: weekdayOfDayNumber(days),
  };
}

/** The local date of `at` in `timeZone`. Example: `toLocalDate(Date.UTC(2026, 0, 1, 3), 'America/New_York') === '2025-12-31'`. */
export function toLocalDate(at: Instant, timeZone: TimeZone): LocalDate {
  assertInstant(at);
  return localDateOfDayNumber(Math.floor(zoneOf(timeZone).localOf(at) / MS_PER_DAY));
}

function checkField(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}; got ${value}`);
  }
}

/**
 * The instant a wall time names in `timeZone`. A wall time in a DST gap resolves forward by
 * the gap; one shown twice (fall-back overlap) resolves to the earlier instant.
 * Example: `zonedInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York')`
 * is 03:30 EDT (`Date.UTC(2026, 2, 8, 7, 30)`).
 */
export function zonedInstant(parts: WallTime, timeZone: TimeZone): Instant {
  const { year, month, day, hour = 0, minute = 0, second = 0, millisecond = 0 } = parts;
  checkField('year', year, -271_820, 275_759);
  checkField('month', month, 1, 12);
  checkField('day', day, 1, daysInMonth(year, month));
  checkField('hour', hour, 0, 23);
  checkField('minute', minute, 0, 59);
  checkField('second', second, 0, 59);
  checkField('millisecond', millisecond, 0, 999);
  const local =
    dayNumber(year, month, day) * MS_PER_DAY +
    hour * MS_PER_HOUR +
    minute * MS_PER_MINUTE +
    second * MS_PER_SECOND +
    millisecond;
  return zoneOf(timeZone).instantOf(local);
}
