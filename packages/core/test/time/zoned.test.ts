import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  daysInMonth,
  formatLocalDate,
  isLeapYear,
  isoWeekday,
  isValidLocalDate,
  isValidTimeZone,
  localParts,
  parseLocalDate,
  timeZoneOffset,
  toLocalDate,
  zonedInstant,
} from '../../src/time/index.js';

const HOUR = 3_600_000;

describe('local date math', () => {
  it('knows leap years and month lengths', () => {
    expect(isLeapYear(2028)).toBe(true);
    expect(isLeapYear(2100)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('parses only real calendar dates', () => {
    expect(parseLocalDate('2026-12-25')).toEqual({ year: 2026, month: 12, day: 25 });
    expect(isValidLocalDate('2028-02-29')).toBe(true);
    for (const bad of [
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-1-05',
      '26-01-05',
      '',
      20260105,
    ]) {
      expect(isValidLocalDate(bad)).toBe(false);
    }
    expect(formatLocalDate({ year: 2026, month: 1, day: 5 })).toBe('2026-01-05');
  });

  it('adds days across months, years and leap days, both ways', () => {
    expect(addLocalDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addLocalDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addLocalDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addLocalDays('2026-01-05', 365)).toBe('2027-01-05');
    expect(addLocalDays('2026-01-05', -3650)).toBe('2016-01-08');
    expect(() => addLocalDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('gives ISO weekdays and agrees with Date for a span of days', () => {
    expect(isoWeekday('2026-12-25')).toBe(5);
    expect(isoWeekday('2026-12-27')).toBe(7);
    expect(isoWeekday('2026-12-28')).toBe(1);
    expect(isoWeekday('1970-01-01')).toBe(4);
    for (let day = -800; day < 800; day += 7) {
      const date = new Date(Date.UTC(2026, 0, 1 + day));
      const local = date.toISOString().slice(0, 10);
      expect(isoWeekday(local)).toBe(((date.getUTCDay() + 6) % 7) + 1);
      expect(addLocalDays('2026-01-01', day)).toBe(local);
    }
  });
});

describe('time zones', () => {
  it('validates zone names', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(42)).toBe(false);
    expect(() => localParts(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('reads wall-clock parts in each zone', () => {
    const at = Date.UTC(2026, 6, 1, 13, 5, 6, 7);
    expect(localParts(at, 'America/New_York')).toEqual({
      year: 2026,
      month: 7,
      day: 1,
      hour: 9,
      minute: 5,
      second: 6,
      millisecond: 7,
      weekday: 3,
    });
    expect(localParts(at, 'UTC').hour).toBe(13);
    expect(localParts(at, 'Europe/Berlin').hour).toBe(15);
    expect(localParts(at, 'Australia/Sydney').hour).toBe(23);
    expect(localParts(at, 'Asia/Kolkata')).toMatchObject({ hour: 18, minute: 35 });
    expect(timeZoneOffset(at, 'Asia/Kolkata')).toBe(5.5 * HOUR);
  });

  it('gives the local date, which may differ from the UTC date', () => {
    expect(toLocalDate(Date.UTC(2026, 0, 1, 3), 'America/New_York')).toBe('2025-12-31');
    expect(toLocalDate(Date.UTC(2026, 0, 1, 14), 'Australia/Sydney')).toBe('2026-01-02');
    expect(toLocalDate(Date.UTC(2026, 0, 1, 0), 'UTC')).toBe('2026-01-01');
  });

  it('agrees with Intl for many instants and zones', () => {
    const zones = [
      'America/New_York',
      'Europe/Berlin',
      'Australia/Sydney',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
    ];
    for (const timeZone of zones) {
      const format = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      });
      for (let at = Date.UTC(2025, 0, 1); at < Date.UTC(2027, 0, 1); at += 7 * HOUR + 13 * 60_000) {
        const parts = localParts(at, timeZone);
        const expected = format.format(at).replace(',', '');
        const actual = `${formatLocalDate(parts)} ${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}`;
        expect(actual).toBe(expected);
      }
    }
  });

  it('changes the offset at the exact transition instant', () => {
    // New York springs forward at 2026-03-08 07:00 UTC and falls back at 2026-11-01 06:00 UTC.
    expect(timeZoneOffset(Date.UTC(2026, 2, 8, 7) - 1, 'America/New_York')).toBe(-5 * HOUR);
    expect(timeZoneOffset(Date.UTC(2026, 2, 8, 7), 'America/New_York')).toBe(-4 * HOUR);
    expect(timeZoneOffset(Date.UTC(2026, 10, 1, 6) - 1, 'America/New_York')).toBe(-4 * HOUR);
    expect(timeZoneOffset(Date.UTC(2026, 10, 1, 6), 'America/New_York')).toBe(-5 * HOUR);
    // Berlin: 2026-03-29 01:00 UTC and 2026-10-25 01:00 UTC.
    expect(timeZoneOffset(Date.UTC(2026, 2, 29, 1) - 1, 'Europe/Berlin')).toBe(HOUR);
    expect(timeZoneOffset(Date.UTC(2026, 2, 29, 1), 'Europe/Berlin')).toBe(2 * HOUR);
    // Sydney (southern hemisphere): back on 2026-04-05 (16:00 UTC the day before), forward on 2026-10-04.
    expect(timeZoneOffset(Date.UTC(2026, 3, 4, 16) - 1, 'Australia/Sydney')).toBe(11 * HOUR);
    expect(timeZoneOffset(Date.UTC(2026, 3, 4, 16), 'Australia/Sydney')).toBe(10 * HOUR);
    expect(timeZoneOffset(Date.UTC(2026, 9, 3, 16), 'Australia/Sydney')).toBe(11 * HOUR);
  });
});

describe('zonedInstant', () => {
  it('round-trips an ordinary wall time', () => {
    const at = zonedInstant(
      { year: 2026, month: 7, day: 1, hour: 9, minute: 5, second: 6, millisecond: 7 },
      'America/New_York',
    );
    expect(at).toBe(Date.UTC(2026, 6, 1, 13, 5, 6, 7));
    expect(zonedInstant({ year: 2026, month: 1, day: 5 }, 'UTC')).toBe(Date.UTC(2026, 0, 5));
    expect(zonedInstant({ year: 2026, month: 1, day: 5, hour: 9 }, 'Asia/Kolkata')).toBe(
      Date.UTC(2026, 0, 5, 3, 30),
    );
  });

  it('resolves a wall time in a spring-forward gap forward by the gap', () => {
    // 02:30 does not exist in New York on 2026-03-08: it becomes 03:30 EDT.
    const ny = zonedInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York');
    expect(ny).toBe(Date.UTC(2026, 2, 8, 7, 30));
    expect(localParts(ny, 'America/New_York')).toMatchObject({ hour: 3, minute: 30 });
    const berlin = zonedInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 15 }, 'Europe/Berlin');
    expect(localParts(berlin, 'Europe/Berlin')).toMatchObject({ day: 29, hour: 3, minute: 15 });
    const sydney = zonedInstant({ year: 2026, month: 10, day: 4, hour: 2, minute: 0 }, 'Australia/Sydney');
    expect(localParts(sydney, 'Australia/Sydney')).toMatchObject({ day: 4, hour: 3, minute: 0 });
  });

  it('resolves a wall time in a fall-back overlap to the earlier instant', () => {
    // 01:30 happens twice in New York on 2026-11-01: first at EDT (05:30 UTC), then at EST.
    expect(zonedInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York')).toBe(
      Date.UTC(2026, 10, 1, 5, 30),
    );
    // 02:30 twice in Berlin on 2026-10-25: first at CEST (00:30 UTC).
    expect(zonedInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin')).toBe(
      Date.UTC(2026, 9, 25, 0, 30),
    );
    // 02:30 twice in Sydney on 2026-04-05: first at AEDT (15:30 UTC the day before).
    expect(zonedInstant({ year: 2026, month: 4, day: 5, hour: 2, minute: 30 }, 'Australia/Sydney')).toBe(
      Date.UTC(2026, 3, 4, 15, 30),
    );
  });

  it('refuses impossible wall times', () => {
    expect(() => zonedInstant({ year: 2026, month: 2, day: 29 }, 'UTC')).toThrow(RangeError);
    expect(() => zonedInstant({ year: 2026, month: 13, day: 1 }, 'UTC')).toThrow(RangeError);
    expect(() => zonedInstant({ year: 2026, month: 1, day: 1, hour: 24 }, 'UTC')).toThrow(RangeError);
    expect(() => zonedInstant({ year: 2026, month: 1, day: 1, minute: 1.5 }, 'UTC')).toThrow(RangeError);
  });
});
