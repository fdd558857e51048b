import { applyStudentOverride } from '@infoview/core';
import { and, eq, sql } from 'drizzle-orm';
import { students } from '../../db/schema/students.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { policyInForce } from '../policies/in-force.js';
import { policyInvalid } from '../policies/invalid.js';
import { findVisibleStudent, studentNotFound } from '../students/find.js';
import { type ExpectedVersion, staleOrMissing } from '../versioning.js';
import { presentStudentPolicy, type StudentPolicyView } from './present.js';

/**
 * Replaces a student's override (`{}` clears it): only keys the tenant's `studentOverridable`
 * lists, each validated as for the tenant. The student (or a portal acting as them) and admins;
 * advisors read only. The student's tasks and reminders are derived again in the same
 * transaction, so a changed delay moves their due times at once.
 */
export async function replaceStudentPolicy({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { studentId: string; override: Record<string, unknown>; expectedVersion: ExpectedVersion };
}): Promise<StudentPolicyView> {
  requireRole(ctx, 'admin', 'integration', 'student');
  return withTransaction(ctx, async (ctx) => {
    const current = await findVisibleStudent(ctx, input.studentId);
    const tenantPolicy = await policyInForce(ctx);
    const checked = applyStudentOverride(tenantPolicy, input.override);
    if (!checked.ok) throw policyInvalid(checked.issues);
    const expected = input.expectedVersion === 'any' ? current.version : input.expectedVersion;
    const [row] = await ctx.db
      .update(students)
      .set({ policyOverride: input.override, version: sql`${students.version} + 1`, updatedAt: ctx.now() })
      .where(
        and(
          eq(students.tenantId, ctx.tenantId),
          eq(students.id, input.studentId),
          eq(students.version, expected),
        ),
      )
      .returning();
    if (!row) staleOrMissing(true, () => studentNotFound(input.studentId));
    return presentStudentPolicy(row, tenantPolicy);
  });
}
