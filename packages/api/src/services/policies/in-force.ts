import { applyStudentOverride, type Policy, resolvePolicy } from '@infoview/core';
import { and, eq } from 'drizzle-orm';
import { tenantPolicies } from '../../db/schema/policies.js';
import { students } from '../../db/schema/students.js';
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
  return policyFromRow(ctx.tenantId, row);
}

/** The policy a stored `tenant_policies` row resolves to (none: the defaults); cached per tenant version. */
export function policyFromRow(
  tenantId: string,
  row: { input: Record<string, unknown>; version: number } | null | undefined,
): Policy {
  const key = `${tenantId}:${row?.version ?? 0}`;
  const cached = resolved.get(key);
  if (cached) return cached;
  const result = resolvePolicy(row?.input ?? {});
  if (!result.ok) throw new ServiceError('internal.error', 'The stored policy no longer validates');
  if (resolved.size >= MAX_CACHED) resolved.clear();
  resolved.set(key, result.policy);
  return result.policy;
}

/**
 * The tenant's policy with a student's override applied: only the keys the tenant still lets
 * students set (a key it takes back stops applying, and is kept should it be allowed again).
 */
export function withStudentOverride(policy: Policy, override: Record<string, unknown>): Policy {
  if (policy.studentOverridable.length === 0) return policy;
  const allowed = Object.fromEntries(
    Object.entries(override).filter(([key]) => policy.studentOverridable.includes(key as keyof Policy)),
  );
  const applied = applyStudentOverride(policy, allowed);
  // Values were validated when the student set them; one that no longer fits is not applied.
  return applied.ok ? applied.policy : policy;
}

/** The policy in force for a student (one more small query when the tenant allows overrides). */
export async function policyForStudent(ctx: ServiceContext, studentId: string): Promise<Policy> {
  const policy = await policyInForce(ctx);
  if (policy.studentOverridable.length === 0) return policy;
  const [row] = await ctx.db
    .select({ override: students.policyOverride })
    .from(students)
    .where(and(eq(students.tenantId, ctx.tenantId), eq(students.id, studentId)));
  return withStudentOverride(policy, row?.override ?? {});
}
