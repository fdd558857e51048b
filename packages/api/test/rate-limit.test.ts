import { describe, expect, it } from 'vitest';
import { FixedWindows } from '../src/plugins/rate-limit.js';

describe('fixed rate-limit windows', () => {
  it('counts within a window and opens a new one when it closes', () => {
    const windows = new FixedWindows(60_000, 10);
    expect(windows.hit('a', 1000)).toEqual({ count: 1, ttlMs: 60_000 });
    expect(windows.hit('a', 31_000)).toEqual({ count: 2, ttlMs: 30_000 });
    expect(windows.hit('b', 31_000)).toEqual({ count: 1, ttlMs: 60_000 });
    expect(windows.hit('a', 60_999)).toEqual({ count: 3, ttlMs: 1 });
    expect(windows.hit('a', 61_000)).toEqual({ count: 1, ttlMs: 60_000 });
  });

  it('forgets expired windows when full, never an active one: new buckets then share the overflow', () => {
    const windows = new FixedWindows(1000, 2);
    windows.hit('old', 0);
    windows.hit('live', 500);
    windows.hit('old', 500);
    // Full at 1200: `old` (opened at 0) has expired and goes; `live` keeps its count.
    windows.hit('new', 1200);
    expect(windows.hit('live', 1200).count).toBe(2);
    // Full again with both live: nothing is evicted; `newer` and `newest` count in one overflow bucket.
    expect(windows.hit('newer', 1300).count).toBe(1);
    expect(windows.hit('newest', 1300).count).toBe(2);
    expect(windows.hit('new', 1300).count).toBe(2);
    expect(windows.hit('live', 1300).count).toBe(3);
  });
});
