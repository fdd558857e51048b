import { eq } from 'drizzle-orm';
import { testClocks } from '../../db/schema/test-clocks.js';
import type { ServiceContext } from '../context.js';
import { requireSandbox } from './read.js';

/** Back to real time; deleting no clock is a no-op. */
export async function deleteTestClock({ ctx }: { ctx: ServiceContext; input?: undefined }): Promise<void> {
  await requireSandbox(ctx);
  await ctx.db.delete(testClocks).where(eq(testClocks.tenantId, ctx.tenantId));
}
