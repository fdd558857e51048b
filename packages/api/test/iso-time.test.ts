import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoOfMs, isoOfTimestamptz } from '../src/lib/iso-time.js';

const MAX_MS = 8.64e15;
const throwsOrIso = (f: () => string) => {
  try {
    return f();
  } catch (error) {
    return (error as Error).constructor.name;
  }
};

describe('ISO instants without Date', () => {
  it('isoOfMs writes what Date#toISOString writes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: -MAX_MS, max: MAX_MS }),
          fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2100, 0, 1) }),
          fc.constantFrom(
            0,
            -0,
            -1,
            -62_167_219_200_000,
            -62_167_219_200_001,
            253_402_300_800_000,
            951_782_400_000,
          ),
          fc.double(),
        ),
        (ms) => {
          expect(throwsOrIso(() => isoOfMs(ms))).toBe(throwsOrIso(() => new Date(ms).toISOString()));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it("isoOfTimestamptz reads PostgreSQL's text as Date does, and passes Dates through", () => {
    const fraction = fc.constantFrom('', '.1', '.12', '.123', '.1234', '.123456', '.000001', '.999999');
    fc.assert(
      fc.property(
        fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }),
        fraction,
        fc.constantFrom('+00', '-05', '+05:30'),
        (ms, frac, zone) => {
          const text = `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}${frac}${zone}`;
          expect(throwsOrIso(() => isoOfTimestamptz(text))).toBe(
            throwsOrIso(() => new Date(text).toISOString()),
          );
          expect(isoOfTimestamptz(new Date(ms))).toBe(new Date(ms).toISOString());
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('isoOfTimestamptz leaves every other shape to Date', () => {
    for (const text of [
      '2025-03-01 14:05:09+00',
      '2025-03-01 14:05:09.1+00',
      '2025-03-01 14:05:09.12345+00',
      '2025-03-01 14:05:09.123456+00',
      '2025-03-01 14:05:09.1234567+00',
      '2025-03-01 14:05:09.+00',
      '2025-03-01T14:05:09+00',
      '2025-03-01 14:05:09+01',
      '2025-03-01 14:05:09 +00',
      '0999-03-01 14:05:09+00',
      '0099-03-01 14:05:09+00',
      '2025-03-0x 14:05:09+00',
      '２０２５-03-01 14:05:09+00',
      '',
    ]) {
      expect(
        throwsOrIso(() => isoOfTimestamptz(text)),
        text,
      ).toBe(throwsOrIso(() => new Date(text).toISOString()));
    }
  });
});
