import { eq } from 'drizzle-orm';
import { tenants } from '../../db/schema/tenants.js';
import { ServiceError } from '../../errors.js';
import type { ServiceContext } from '../context.js';
import { presentTenant, type TenantView } from './present.js';

/** The caller's own tenant. */
export async function getTenant({ ctx }: { ctx: ServiceContext; input?: undefined }): Promise<TenantView> {
  const [row] = await ctx.db.select().from(tenants).where(eq(tenants.id, ctx.tenantId));
  if (!row) throw new ServiceError('tenant.not_found');
  return presentTenant(row);
}
