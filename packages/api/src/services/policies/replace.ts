import { resolvePolicy } from '@infoview/core';
import { and, eq, sql } from 'drizzle-orm';
import { tenantPolicies } from '../../db/schema/policies.js';
import { ServiceError } from '../../errors.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import type { ReevaluationView } from '../reevaluations/present.js';
import { startReevaluation } from '../reevaluations/start.js';
import type { ExpectedVersion } from '../versioning.js';
import { getPolicy } from './get.js';
import { policyInvalid } from './invalid.js';
import type { PolicyView } from './present.js';

/**
 * Replaces the tenant's policy (admin), validated by core's `resolvePolicy`. Every student's
 * tasks and reminders depend on it, so the same transaction queues a re-evaluation of them all,
 * done in the background (`reevaluation` names the job; `GET /reevaluations/{id}` follows it).
 */
export async function replacePolicy({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { policy: Record<string, unknown>; expectedVersion: ExpectedVersion };
}): Promise<PolicyView & { reevaluation: ReevaluationView }> {
  requireRole(ctx, 'admin');
  const resolved = resolvePolicy(input.policy);
  if (!resolved.ok) throw policyInvalid(resolved.issues);
  return withTransaction(ctx, async (ctx) => {
    const current = await getPolicy({ ctx });
    const expected = input.expectedVersion === 'any' ? current.version : input.expectedVersion;
    const now = ctx.now();
    const written =
      expected === 0
        ? await ctx.db
            .insert(tenantPolicies)
            .values({ tenantId: ctx.tenantId, input: input.policy, createdAt: now, updatedAt: now })
            .onConflictDoNothing()
            .returning({ version: tenantPolicies.version })
        : await ctx.db
            .update(tenantPolicies)
            .set({ input: input.policy, version: sql`${tenantPolicies.version} + 1`, updatedAt: now })
            .where(and(eq(tenantPolicies.tenantId, ctx.tenantId), eq(tenantPolicies.version, expected)))
            .returning({ version: tenantPolicies.version });
    if (written.length === 0) {
      throw new ServiceError('precondition.failed', 'The policy was changed by someone else; read it again');
    }
    const reevaluation = await startReevaluation({ ctx, input: { reason: 'policy_replaced' } });
    return { ...(await getPolicy({ ctx })), reevaluation };
  });
}
