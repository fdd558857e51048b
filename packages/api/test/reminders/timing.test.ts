import { describe, expect, it } from 'vitest';
import { backoff, SLOT_MS, slotJobId } from '../../src/reminders/bullmq-driver.js';
import { localDateTime } from '../../src/reminders/local-time.js';

describe('reminder timing helpers', () => {
  it('job back-off doubles from a second, with 50–100 % jitter', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const full = 1000 * 2 ** (attempt - 1);
      const waits = Array.from({ length: 200 }, () => backoff(attempt));
      for (const wait of waits) {
        expect(wait).toBeGreaterThanOrEqual(full / 2);
        expect(wait).toBeLessThanOrEqual(full);
      }
      // Jittered: not all the same.
      expect(new Set(waits).size).toBeGreaterThan(1);
    }
  });

  it("a second's job id is the second (no ':' and not an integer, as BullMQ requires)", () => {
    const at = Date.parse('2026-11-27T12:00:00.000Z');
    expect(slotJobId(at)).toBe(`t${at / 1000}`);
    expect(slotJobId(at + SLOT_MS - 1)).toBe(slotJobId(at));
    expect(slotJobId(at + SLOT_MS)).not.toBe(slotJobId(at));
  });

  it('local wall-clock time per zone, across a DST change, the same when asked again', () => {
    const cases: [string, string, string][] = [
      ['2026-03-08T06:59:00Z', 'America/New_York', '2026-03-08T01:59'],
      ['2026-03-08T07:00:00Z', 'America/New_York', '2026-03-08T03:00'],
      ['2026-03-29T00:30:00Z', 'Europe/Paris', '2026-03-29T01:30'],
      ['2026-03-29T01:30:00Z', 'Europe/Paris', '2026-03-29T03:30'],
      ['2029-03-01T00:30:00Z', 'Asia/Tokyo', '2029-03-01T09:30'],
      ['2029-03-01T00:30:59Z', 'Asia/Kolkata', '2029-03-01T06:00'],
      ['2029-12-31T23:59:00Z', 'UTC', '2029-12-31T23:59'],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [at, zone, expected] of cases) expect(localDateTime(new Date(at), zone)).toBe(expected);
    }
  });
});
