import { eq, sql } from 'drizzle-orm';
import { testClocks } from '../../db/schema/test-clocks.js';
import { ServiceError } from '../../errors.js';
import { type ServiceContext, withTransaction } from '../context.js';
import { presentTestClock, type TestClockView } from './present.js';
import { requireSandbox } from './read.js';

/**
 * Creates the tenant's test clock at `at`, or moves an existing one forward to it. Time never
 * runs backwards: reminders already delivered would be "in the future".
 */
export async function setTestClock({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { at: Date };
}): Promise<TestClockView> {
  await requireSandbox(ctx);
  return withTransaction(ctx, async (ctx) => {
    const [current] = await ctx.db
      .select()
      .from(testClocks)
      .where(eq(testClocks.tenantId, ctx.tenantId))
      .for('update');
    if (current && input.at < current.frozenTime) {
      throw new ServiceError(
        'test_clock.backwards',
        `The clock is at ${current.frozenTime.toISOString()}; it only moves forward`,
        {
          errors: [{ path: '/body/at', message: 'is before the clock' }],
        },
      );
    }
    const real = new Date();
    const [row] = await ctx.db
      .insert(testClocks)
      .values({ tenantId: ctx.tenantId, frozenTime: input.at, createdAt: real, updatedAt: real })
      .onConflictDoUpdate({
        target: testClocks.tenantId,
        set: { frozenTime: input.at, updatedAt: real, version: sql`${testClocks.version} + 1` },
      })
      .returning();
    return presentTestClock(row!);
  });
}
