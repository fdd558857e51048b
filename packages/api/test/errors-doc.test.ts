import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/errors.js';

const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

/** `| \`code\` | status | when |` rows of docs/errors.md. */
const documented = new Map(
  [...doc.matchAll(/^\|\s*`([a-z_.]+)`\s*\|\s*(\d{3})\s*\|/gm)].map((m) => [m[1]!, Number(m[2])] as const),
);

describe('docs/errors.md', () => {
  it('documents every code in src/errors.ts with its status', () => {
    const missing = Object.entries(ERROR_CODES)
      .filter(([code, { status }]) => documented.get(code) !== status)
      .map(([code, { status }]) => `${code} ${status} (docs: ${documented.get(code) ?? 'absent'})`);
    expect(missing).toEqual([]);
  });

  it('documents no code that src/errors.ts does not have', () => {
    const extra = [...documented.keys()].filter((code) => !(code in ERROR_CODES));
    expect(extra).toEqual([]);
  });
});
