import { type Policy, resolvePolicy } from '@infoview/core';
import { eq } from 'drizzle-orm';
import { tenantPolicies } from '../../db/schema/policies.js';
import { ServiceError } from '../../errors.js';
import type { ServiceContext } from '../context.js';

// Resolving validates every field; a tenant's policy changes rarely, so resolve once per version.
const resolved = new Map<string, Policy>();
const MAX_CACHED = 1_000;

/** The tenant's policy in force (one small query; resolution cached per tenant version). */
export async function policyInForce(ctx: ServiceContext): Promise<Policy> {
  const [row] = await ctx.db
    .select({ input: tenantPolicies.input, version: tenantPolicies.version })
    .from(tenantPolicies)
    .where(eq(tenantPolicies.tenantId, ctx.tenantId));
  const key = `${ctx.tenantId}:${row?.version ?? 0}`;
  const cached = resolved.get(key);
  if (cached) return cached;
  const result = resolvePolicy(row?.input ?? {});
  if (!result.ok) throw new ServiceError('internal.error', 'The stored policy no longer validates');
  if (resolved.size >= MAX_CACHED) resolved.clear();
  resolved.set(key, result.policy);
  return result.policy;
}
