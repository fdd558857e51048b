import { addDuration, calendarFor, GUIDE_POLICY } from '@infoview/core';
import fc from 'fast-check';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { FIRST_YEAR, Instant, LAST_YEAR } from '../src/http/instant.js';

const check = Compile(Instant);

describe('the one date-time type', () => {
  it.each(['1900-01-01T00:00:00Z', '2026-03-02T10:00:00.123+01:00', '2999-12-31T23:59:59-14:00'])(
    'accepts %s',
    (value) => {
      expect(check.Check(value)).toBe(true);
    },
  );

  it.each([
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '1899-12-31T23:59:59Z',
    '3000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '+010000-01-01T00:00:00Z',
    '2026-02-30T10:00:00Z',
    'not a date',
  ])('refuses %s', (value) => {
    expect(check.Check(value)).toBe(false);
  });

  // core's policy bounds (resolve.ts MAX_AMOUNT): about ten years per duration, either sign.
  const MAX = { minutes: 525_600, hours: 8_784, calendar_days: 3_660, business_days: 2_610 } as const;
  const duration = fc.constantFrom(...(Object.keys(MAX) as (keyof typeof MAX)[])).chain((unit) =>
    fc
      .integer({ min: -MAX[unit], max: MAX[unit] })
      .filter((n) => n !== 0)
      .map((amount) => ({ amount, unit })),
  );

  it('no accepted instant, moved by any chain of ten policy durations, leaves what PostgreSQL and Date hold', () => {
    const first = Date.UTC(FIRST_YEAR, 0, 1);
    const last = Date.UTC(LAST_YEAR, 11, 31, 23, 59, 59, 999);
    const zones = ['UTC', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Europe/Berlin', 'America/New_York'];
    fc.assert(
      fc.property(
        fc.integer({ min: first, max: last }),
        fc.constantFrom(...zones),
        fc.array(duration, { minLength: 1, maxLength: 10 }),
        (start, zone, chain) => {
          const cal = calendarFor(zone, GUIDE_POLICY);
          let at = start;
          for (const d of chain) at = addDuration(at, d, cal);
          const year = new Date(at).getUTCFullYear();
          // PostgreSQL has no year 0 and four-digit ISO strings end at 9999.
          return (
            Number.isFinite(at) &&
            year >= 1 &&
            year <= 9999 &&
            !Number.isNaN(Date.parse(new Date(at).toISOString()))
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
