import { resolvePolicy } from '@infoview/core';
import { eq } from 'drizzle-orm';
import { tenantPolicies } from '../../db/schema/policies.js';
import { ServiceError } from '../../errors.js';
import type { ServiceContext } from '../context.js';
import type { PolicyView } from './present.js';

/** The tenant's policy in force; every role may read it (it explains their tasks). */
export async function getPolicy({ ctx }: { ctx: ServiceContext; input?: undefined }): Promise<PolicyView> {
  const [row] = await ctx.db.select().from(tenantPolicies).where(eq(tenantPolicies.tenantId, ctx.tenantId));
  const input = row?.input ?? {};
  const resolved = resolvePolicy(input);
  // Stored inputs were validated when written; failing now means core's rules changed under them.
  if (!resolved.ok) throw new ServiceError('internal.error', 'The stored policy no longer validates');
  return {
    id: ctx.tenantId,
    input,
    policy: resolved.policy,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}
