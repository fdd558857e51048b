import { describe, expect, it } from 'vitest';
import {
  addDuration,
  type Calendar,
  calendarFor,
  isBusinessDay,
  localParts,
  nextOutsideQuietHours,
  toLocalDate,
  zonedInstant,
} from '../../src/time/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NY = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const SYDNEY = 'Australia/Sydney';

const noHolidays = { weekend: [6, 7], holidays: [] };
const cal = (timeZone: string, holidays: string[] = []): Calendar =>
  calendarFor(timeZone, { weekend: [6, 7], holidays });
const at = (timeZone: string, date: string, hour = 9, minute = 0): number => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return zonedInstant({ year, month, day, hour, minute }, timeZone);
};
const wall = (instant: number, timeZone: string): string => {
  const p = localParts(instant, timeZone);
  return `${toLocalDate(instant, timeZone)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
};

describe('calendarFor', () => {
  it('builds the sets from the policy and memoises per policy object and zone', () => {
    const policy = { weekend: [5, 6], holidays: ['2026-12-25'] };
    const calendar = calendarFor(BERLIN, policy);
    expect(calendar.timeZone).toBe(BERLIN);
    expect([...calendar.weekend]).toEqual([5, 6]);
    expect(calendar.holidays.has('2026-12-25')).toBe(true);
    expect(calendarFor(BERLIN, policy)).toBe(calendar);
    expect(calendarFor(NY, policy)).not.toBe(calendar);
  });

  it('refuses an unknown zone', () => {
    expect(() => calendarFor('Nowhere/Special', noHolidays)).toThrow(RangeError);
  });
});

describe('addDuration with minutes and hours', () => {
  it('is absolute time, even across a DST change (the local hour shifts)', () => {
    const saturday = at(NY, '2026-03-07', 9);
    const next = addDuration(saturday, { amount: 24, unit: 'hours' }, cal(NY));
    expect(next - saturday).toBe(86_400_000);
    expect(wall(next, NY)).toBe('2026-03-08 10:00');

    const berlinFall = at(BERLIN, '2026-10-24', 9);
    const after = addDuration(berlinFall, { amount: 24, unit: 'hours' }, cal(BERLIN));
    expect(after - berlinFall).toBe(86_400_000);
    expect(wall(after, BERLIN)).toBe('2026-10-25 08:00');

    expect(addDuration(saturday, { amount: 90, unit: 'minutes' }, cal(NY)) - saturday).toBe(90 * 60_000);
  });

  it('goes backwards for negative amounts ("24 h before the meeting")', () => {
    const meeting = at(NY, '2026-03-08', 10);
    const due = addDuration(meeting, { amount: -24, unit: 'hours' }, cal(NY));
    expect(meeting - due).toBe(DAY);
    expect(wall(due, NY)).toBe('2026-03-07 09:00');
  });
});

describe('addDuration with calendar days', () => {
  it('keeps 09:00 local across spring-forward and fall-back in New York', () => {
    const march = addDuration(at(NY, '2026-03-01'), { amount: 14, unit: 'calendar_days' }, cal(NY));
    expect(wall(march, NY)).toBe('2026-03-15 09:00');
    expect(march - at(NY, '2026-03-01')).toBe(14 * DAY - HOUR);
    const november = addDuration(at(NY, '2026-10-25'), { amount: 14, unit: 'calendar_days' }, cal(NY));
    expect(wall(november, NY)).toBe('2026-11-08 09:00');
    expect(november - at(NY, '2026-10-25')).toBe(14 * DAY + HOUR);
  });

  it('keeps 09:00 local across both changes in Berlin', () => {
    expect(
      wall(addDuration(at(BERLIN, '2026-03-20'), { amount: 14, unit: 'calendar_days' }, cal(BERLIN)), BERLIN),
    ).toBe('2026-04-03 09:00');
    expect(
      wall(addDuration(at(BERLIN, '2026-10-20'), { amount: 14, unit: 'calendar_days' }, cal(BERLIN)), BERLIN),
    ).toBe('2026-11-03 09:00');
  });

  it('keeps 09:00 local in Sydney, where the clocks change the other way round', () => {
    const april = addDuration(at(SYDNEY, '2026-04-01'), { amount: 14, unit: 'calendar_days' }, cal(SYDNEY));
    expect(wall(april, SYDNEY)).toBe('2026-04-15 09:00');
    expect(april - at(SYDNEY, '2026-04-01')).toBe(14 * DAY + HOUR);
    const october = addDuration(at(SYDNEY, '2026-09-30'), { amount: 14, unit: 'calendar_days' }, cal(SYDNEY));
    expect(wall(october, SYDNEY)).toBe('2026-10-14 09:00');
    expect(october - at(SYDNEY, '2026-09-30')).toBe(14 * DAY - HOUR);
  });

  it('handles a half-hour zone and UTC', () => {
    const kolkata = at('Asia/Kolkata', '2026-01-30', 9, 30);
    expect(
      wall(addDuration(kolkata, { amount: 14, unit: 'calendar_days' }, cal('Asia/Kolkata')), 'Asia/Kolkata'),
    ).toBe('2026-02-13 09:30');
    const utc = Date.UTC(2026, 11, 25, 23, 59);
    expect(addDuration(utc, { amount: 90, unit: 'calendar_days' }, cal('UTC'))).toBe(utc + 90 * DAY);
  });

  it('moves a wall time that lands in a gap forward by the gap', () => {
    const start = at(NY, '2026-03-01', 2, 30);
    expect(wall(addDuration(start, { amount: 7, unit: 'calendar_days' }, cal(NY)), NY)).toBe(
      '2026-03-08 03:30',
    );
  });

  it('goes backwards for negative amounts with the same wall-time rule', () => {
    const meeting = at(NY, '2026-03-10', 15);
    expect(wall(addDuration(meeting, { amount: -2, unit: 'calendar_days' }, cal(NY)), NY)).toBe(
      '2026-03-08 15:00',
    );
    expect(wall(addDuration(meeting, { amount: -14, unit: 'calendar_days' }, cal(NY)), NY)).toBe(
      '2026-02-24 15:00',
    );
  });

  it('returns the start for amount 0 and refuses fractional amounts', () => {
    const start = at(NY, '2026-03-01');
    expect(addDuration(start, { amount: 0, unit: 'calendar_days' }, cal(NY))).toBe(start);
    expect(() => addDuration(start, { amount: 1.5, unit: 'calendar_days' }, cal(NY))).toThrow(RangeError);
  });
});

describe('addDuration with business days', () => {
  const christmas = cal(NY, ['2026-12-25']);

  it('skips the weekend and a tenant holiday, keeping the local time', () => {
    const thursday = at(NY, '2026-12-24', 10, 15);
    const three = addDuration(thursday, { amount: 3, unit: 'business_days' }, christmas);
    expect(wall(three, NY)).toBe('2026-12-30 10:15');
    expect(localParts(three, NY).weekday).toBe(3);
    const seven = addDuration(thursday, { amount: 7, unit: 'business_days' }, christmas);
    // Mon 28, Tue 29, Wed 30, Thu 31, Fri 1, Mon 4, Tue 5.
    expect(wall(seven, NY)).toBe('2027-01-05 10:15');
    const newYear = cal(NY, ['2026-12-25', '2027-01-01']);
    expect(wall(addDuration(thursday, { amount: 7, unit: 'business_days' }, newYear), NY)).toBe(
      '2027-01-06 10:15',
    );
  });

  it('counts from a Friday to the Nth business day after', () => {
    const friday = at(NY, '2026-12-18');
    expect(wall(addDuration(friday, { amount: 1, unit: 'business_days' }, christmas), NY)).toBe(
      '2026-12-21 09:00',
    );
    expect(wall(addDuration(friday, { amount: 5, unit: 'business_days' }, christmas), NY)).toBe(
      '2026-12-28 09:00',
    );
    expect(wall(addDuration(friday, { amount: 3, unit: 'business_days' }, cal(NY)), NY)).toBe(
      '2026-12-23 09:00',
    );
  });

  it('counts a start on a weekend or holiday from the next business day', () => {
    const saturday = at(NY, '2026-12-19', 15);
    expect(wall(addDuration(saturday, { amount: 1, unit: 'business_days' }, christmas), NY)).toBe(
      '2026-12-22 15:00',
    );
    expect(wall(addDuration(saturday, { amount: 3, unit: 'business_days' }, christmas), NY)).toBe(
      '2026-12-24 15:00',
    );
    const holiday = at(NY, '2026-12-25', 11);
    expect(wall(addDuration(holiday, { amount: 1, unit: 'business_days' }, christmas), NY)).toBe(
      '2026-12-29 11:00',
    );
  });

  it('goes backwards for negative amounts, counting a non-business start from the previous business day', () => {
    const wednesday = at(NY, '2026-12-30', 14);
    expect(wall(addDuration(wednesday, { amount: -3, unit: 'business_days' }, christmas), NY)).toBe(
      '2026-12-24 14:00',
    );
    const saturday = at(NY, '2026-12-19', 14);
    expect(wall(addDuration(saturday, { amount: -1, unit: 'business_days' }, christmas), NY)).toBe(
      '2026-12-17 14:00',
    );
  });

  it('keeps the local time across a DST change', () => {
    const friday = at(NY, '2026-03-06', 9);
    const monday = addDuration(friday, { amount: 1, unit: 'business_days' }, cal(NY));
    expect(wall(monday, NY)).toBe('2026-03-09 09:00');
    expect(monday - friday).toBe(3 * DAY - HOUR);
  });

  it('uses the tenant weekend', () => {
    const fridaySaturday = calendarFor('Asia/Dubai', { weekend: [5, 6], holidays: [] });
    const thursday = at('Asia/Dubai', '2026-06-04', 9);
    expect(
      wall(addDuration(thursday, { amount: 1, unit: 'business_days' }, fridaySaturday), 'Asia/Dubai'),
    ).toBe('2026-06-07 09:00');
    const noWeekend = calendarFor(NY, { weekend: [], holidays: [] });
    expect(wall(addDuration(at(NY, '2026-06-05'), { amount: 2, unit: 'business_days' }, noWeekend), NY)).toBe(
      '2026-06-07 09:00',
    );
  });

  it('works with a hand-made calendar and refuses one without working days', () => {
    const handMade: Calendar = {
      timeZone: 'UTC',
      weekend: new Set([6, 7]),
      holidays: new Set(['2026-12-25']),
    };
    expect(isBusinessDay('2026-12-25', handMade)).toBe(false);
    expect(isBusinessDay('2026-12-26', handMade)).toBe(false);
    expect(isBusinessDay('2026-12-28', handMade)).toBe(true);
    const never: Calendar = { timeZone: 'UTC', weekend: new Set([1, 2, 3, 4, 5, 6, 7]), holidays: new Set() };
    expect(() => addDuration(0, { amount: 1, unit: 'business_days' }, never)).toThrow(RangeError);
  });
});

describe('nextOutsideQuietHours', () => {
  const quiet = { start: '21:00', end: '08:00' };

  it('leaves an instant outside the window unchanged', () => {
    const noon = at(NY, '2026-01-05', 12);
    expect(nextOutsideQuietHours(noon, NY, quiet)).toBe(noon);
    expect(nextOutsideQuietHours(noon, NY, null)).toBe(noon);
  });

  it('moves an evening instant to the end of the window the next morning (wrapping midnight)', () => {
    expect(wall(nextOutsideQuietHours(at(NY, '2026-01-05', 23), NY, quiet), NY)).toBe('2026-01-06 08:00');
  });

  it('moves an early-morning instant to the end of the window the same morning', () => {
    expect(wall(nextOutsideQuietHours(at(NY, '2026-01-05', 3, 30), NY, quiet), NY)).toBe('2026-01-05 08:00');
  });

  it('treats the start as inside and the end as outside', () => {
    const start = at(NY, '2026-01-05', 21);
    expect(wall(nextOutsideQuietHours(start, NY, quiet), NY)).toBe('2026-01-06 08:00');
    expect(nextOutsideQuietHours(start - 1, NY, quiet)).toBe(start - 1);
    const end = at(NY, '2026-01-06', 8);
    expect(nextOutsideQuietHours(end, NY, quiet)).toBe(end);
    expect(nextOutsideQuietHours(end - 1, NY, quiet)).toBe(end);
  });

  it('handles a window that does not wrap, and an empty window', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(wall(nextOutsideQuietHours(at(NY, '2026-01-05', 12, 45), NY, lunch), NY)).toBe('2026-01-05 13:30');
    expect(nextOutsideQuietHours(at(NY, '2026-01-05', 14), NY, lunch)).toBe(at(NY, '2026-01-05', 14));
    const empty = { start: '08:00', end: '08:00' };
    expect(nextOutsideQuietHours(at(NY, '2026-01-05', 8), NY, empty)).toBe(at(NY, '2026-01-05', 8));
  });

  it('uses the local time of the given zone, across a DST night', () => {
    const saturdayNight = at(NY, '2026-03-07', 23);
    const morning = nextOutsideQuietHours(saturdayNight, NY, quiet);
    expect(wall(morning, NY)).toBe('2026-03-08 08:00');
    expect(morning).toBe(Date.UTC(2026, 2, 8, 12));
    expect(wall(nextOutsideQuietHours(Date.UTC(2026, 0, 5, 22), 'Asia/Kolkata', quiet), 'Asia/Kolkata')).toBe(
      '2026-01-06 08:00',
    );
  });

  it('ends in the second showing of an overlapped hour when the instant is already there', () => {
    // 01:15 EST (the second 01:15 on 2026-11-01) with quiet 01:00–01:45 ends at 01:45 EST.
    const second = Date.UTC(2026, 10, 1, 6, 15);
    expect(nextOutsideQuietHours(second, NY, { start: '01:00', end: '01:45' })).toBe(
      Date.UTC(2026, 10, 1, 6, 45),
    );
  });

  it('refuses a malformed window', () => {
    expect(() => nextOutsideQuietHours(0, NY, { start: '9pm', end: '08:00' })).toThrow(RangeError);
  });
});
