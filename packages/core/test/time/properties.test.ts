import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDuration,
  addLocalDays,
  type Calendar,
  calendarFor,
  isBusinessDay,
  localParts,
  nextOutsideQuietHours,
  toLocalDate,
  zonedInstant,
} from '../../src/time/index.js';

const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'America/Sao_Paulo',
] as const;
const HOLIDAYS = ['2026-12-25', '2027-01-01', '2030-07-04', '2031-05-01', '2025-11-27', '2033-12-24'];

const DAY = 86_400_000;
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });
const zone = fc.constantFrom(...ZONES);
const weekend = fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 3 });
const calendar = fc
  .record({ timeZone: zone, weekend, holidays: fc.subarray(HOLIDAYS) })
  .map(({ timeZone, ...policy }): Calendar => calendarFor(timeZone, policy));

const timeOfDay = (at: number, timeZone: string): number => {
  const p = localParts(at, timeZone);
  return ((p.hour * 60 + p.minute) * 60 + p.second) * 1000 + p.millisecond;
};
/** Whether `at` is the only instant showing its wall time (not in the second half of an overlap). */
const isFirstShowing = (at: number, timeZone: string): boolean =>
  zonedInstant(localParts(at, timeZone), timeZone) === at;

describe('time arithmetic properties', () => {
  it('hours and minutes are exact', () => {
    fc.assert(
      fc.property(instant, calendar, fc.integer({ min: -9_000, max: 9_000 }), (from, cal, amount) => {
        expect(addDuration(from, { amount, unit: 'hours' }, cal) - from).toBe(amount * 3_600_000);
        expect(addDuration(from, { amount, unit: 'minutes' }, cal) - from).toBe(amount * 60_000);
      }),
    );
  });

  it('n calendar days land n local dates later at the same wall time, unless that time is in a gap', () => {
    fc.assert(
      fc.property(instant, calendar, fc.integer({ min: -800, max: 800 }), (from, cal, amount) => {
        const to = addDuration(from, { amount, unit: 'calendar_days' }, cal);
        if (timeOfDay(to, cal.timeZone) !== timeOfDay(from, cal.timeZone)) {
          // Only a gap may move the wall time, and only forward, by at most the gap (≤ 1 h).
          const shift = (timeOfDay(to, cal.timeZone) - timeOfDay(from, cal.timeZone) + DAY) % DAY;
          expect(shift).toBeGreaterThan(0);
          expect(shift).toBeLessThanOrEqual(3_600_000);
          return;
        }
        expect(toLocalDate(to, cal.timeZone)).toBe(addLocalDays(toLocalDate(from, cal.timeZone), amount));
      }),
    );
  });

  it('+n then −n calendar days returns to the start unless a gap or overlap is involved', () => {
    fc.assert(
      fc.property(instant, calendar, fc.integer({ min: 1, max: 800 }), (from, cal, amount) => {
        const there = addDuration(from, { amount, unit: 'calendar_days' }, cal);
        const back = addDuration(there, { amount: -amount, unit: 'calendar_days' }, cal);
        const gap = timeOfDay(there, cal.timeZone) !== timeOfDay(from, cal.timeZone);
        if (!gap && isFirstShowing(from, cal.timeZone)) expect(back).toBe(from);
      }),
      { numRuns: 500 },
    );
  });

  it('business-day results are business days, in the right direction, the right count away', () => {
    fc.assert(
      fc.property(
        instant,
        calendar,
        fc.integer({ min: -30, max: 30 }).filter((n) => n !== 0),
        (from, cal, amount) => {
          const to = addDuration(from, { amount, unit: 'business_days' }, cal);
          const toDate = toLocalDate(to, cal.timeZone);
          expect(isBusinessDay(toDate, cal)).toBe(true);
          expect(Math.sign(to - from)).toBe(Math.sign(amount));
          // Reference count by stepping local dates: day 0 is the first business day at or
          // beyond the start in the direction of travel; the result is |amount| business days on.
          const step = Math.sign(amount);
          let day = toLocalDate(from, cal.timeZone);
          while (!isBusinessDay(day, cal)) day = addLocalDays(day, step);
          for (let left = Math.abs(amount); left > 0; ) {
            day = addLocalDays(day, step);
            if (isBusinessDay(day, cal)) left--;
          }
          expect(toDate).toBe(day);
        },
      ),
    );
  });

  it('business days agree with day-by-day counting around dense holidays and long spans', () => {
    const season = fc.integer({ min: Date.UTC(2026, 10, 1), max: Date.UTC(2027, 1, 1) });
    const dense = fc.subarray([
      '2026-11-26',
      '2026-11-27',
      '2026-12-24',
      '2026-12-25',
      '2026-12-28',
      '2026-12-31',
      '2027-01-01',
      '2027-01-18',
      '2027-02-15',
      '2026-10-12',
    ]);
    fc.assert(
      fc.property(
        season,
        zone,
        weekend,
        dense,
        fc.integer({ min: -120, max: 120 }).filter((n) => n !== 0),
        (from, timeZone, days, holidays, amount) => {
          const cal = calendarFor(timeZone, { weekend: days, holidays });
          const to = addDuration(from, { amount, unit: 'business_days' }, cal);
          const step = Math.sign(amount);
          let day = toLocalDate(from, timeZone);
          while (!isBusinessDay(day, cal)) day = addLocalDays(day, step);
          for (let left = Math.abs(amount); left > 0; ) {
            day = addLocalDays(day, step);
            if (isBusinessDay(day, cal)) left--;
          }
          expect(toLocalDate(to, timeZone)).toBe(day);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(
        instant,
        calendar,
        fc.integer({ min: -400, max: 400 }),
        fc.constantFrom('minutes', 'hours', 'calendar_days', 'business_days' as const),
        (from, cal, amount, unit) => {
          const first = addDuration(from, { amount, unit }, cal);
          const copy: Calendar = {
            timeZone: cal.timeZone,
            weekend: new Set(cal.weekend),
            holidays: new Set(cal.holidays),
          };
          expect(addDuration(from, { amount, unit }, cal)).toBe(first);
          expect(addDuration(from, { amount, unit }, copy)).toBe(first);
        },
      ),
    );
  });

  it('quiet hours: the result is never earlier, is outside the window and at most a day later', () => {
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(instant, zone, hhmm, hhmm, (at, timeZone, start, end) => {
        const result = nextOutsideQuietHours(at, timeZone, { start, end });
        expect(result).toBeGreaterThanOrEqual(at);
        expect(result - at).toBeLessThanOrEqual(25 * 3_600_000);
        if (result === at) return;
        // Moved: it lands on the end of the window (or just past it, in a gap), where it is not quiet.
        expect(nextOutsideQuietHours(result, timeZone, { start, end })).toBe(result);
      }),
    );
  });
});
