import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { tenants } from '../../db/schema/tenants.js';
import { testClocks } from '../../db/schema/test-clocks.js';
import { ServiceError } from '../../errors.js';
import { requireRole, type ServiceContext } from '../context.js';

/** The tenant's simulated time, or null when it runs on real time (every real tenant does). */
export async function readTestClock(db: Db, tenantId: string): Promise<Date | null> {
  const [row] = await db
    .select({ frozenTime: testClocks.frozenTime })
    .from(testClocks)
    .where(eq(testClocks.tenantId, tenantId));
  return row?.frozenTime ?? null;
}

/** Test clocks are for sandbox tenants only, and for keys that administer the integration. */
export async function requireSandbox(ctx: ServiceContext): Promise<void> {
  requireRole(ctx, 'admin', 'integration');
  const [tenant] = await ctx.db
    .select({ sandbox: tenants.sandbox })
    .from(tenants)
    .where(eq(tenants.id, ctx.tenantId));
  if (!tenant?.sandbox) {
    throw new ServiceError(
      'test_clock.not_sandbox',
      'Only sandbox tenants have test clocks; real tenants use real time',
    );
  }
}

export const testClockNotFound = () =>
  new ServiceError('test_clock.not_found', 'This tenant has no test clock (POST /test-clock creates one)');
