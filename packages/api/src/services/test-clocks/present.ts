import type { TestClockRow } from '../../db/schema/test-clocks.js';

export interface TestClockView {
  /** The tenant's "now" while the clock exists. */
  frozenTime: string;
  createdAt: string;
  updatedAt: string;
}

export const presentTestClock = (row: TestClockRow): TestClockView => ({
  frozenTime: row.frozenTime.toISOString(),
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
