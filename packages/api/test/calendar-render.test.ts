import fc from 'fast-check';
import { foldLines } from 'ical-generator';
import { describe, expect, it } from 'vitest';
import { foldLine } from '../src/services/calendars/render.js';

describe('line folding (RFC 5545 §3.1)', () => {
  it('folds exactly as ical-generator does, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const line = text.replace(/\r|\n/g, ' ');
        expect(foldLine(line)).toBe(foldLines(line));
      }),
      { numRuns: 500 },
    );
    for (const line of [
      'a'.repeat(74),
      'a'.repeat(75),
      'a'.repeat(300),
      `é${'a'.repeat(80)}`,
      '😀'.repeat(40),
    ]) {
      expect(foldLine(line)).toBe(foldLines(line));
      for (const physical of foldLine(line).split('\r\n'))
        expect(Buffer.byteLength(physical)).toBeLessThanOrEqual(75);
    }
  });
});
