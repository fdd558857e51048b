import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const folders = (relative: string) =>
  readdirSync(fileURLToPath(new URL(relative, import.meta.url)), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

/** Route folders with no service of their own: health answers from plugins alone. */
const ROUTES_WITHOUT_SERVICES = ['health'];

describe('folder names', () => {
  it('names every route folder after the service folder it adapts', () => {
    const services = new Set(folders('../src/services/'));
    const unmatched = folders('../src/routes/').filter(
      (route) => !services.has(route) && !ROUTES_WITHOUT_SERVICES.includes(route),
    );
    expect(unmatched).toEqual([]);
  });
});
