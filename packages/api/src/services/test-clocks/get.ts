import { eq } from 'drizzle-orm';
import { testClocks } from '../../db/schema/test-clocks.js';
import type { ServiceContext } from '../context.js';
import { presentTestClock, type TestClockView } from './present.js';
import { requireSandbox, testClockNotFound } from './read.js';

export async function getTestClock({
  ctx,
}: {
  ctx: ServiceContext;
  input?: undefined;
}): Promise<TestClockView> {
  await requireSandbox(ctx);
  const [row] = await ctx.db.select().from(testClocks).where(eq(testClocks.tenantId, ctx.tenantId));
  if (!row) throw testClockNotFound();
  return presentTestClock(row);
}
