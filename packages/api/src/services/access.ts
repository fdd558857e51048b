import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { advisorStudents } from '../db/schema/advisors.js';
import type { ServiceContext } from './context.js';

/**
 * The students the caller may see, as a condition on a `student_id` column:
 * admins and integration keys see the tenant, advisors their assigned students, students
 * (and integration keys acting as one) only themselves. Always combined with the tenant.
 */
export function visibleStudents(ctx: ServiceContext, tenantColumn: PgColumn, studentColumn: PgColumn): SQL {
  const tenant = eq(tenantColumn, ctx.tenantId);
  const { actor } = ctx;
  switch (actor.role) {
    case 'admin':
    case 'integration':
      return tenant;
    case 'student':
      return and(tenant, eq(studentColumn, actor.studentId ?? '00000000-0000-0000-0000-000000000000'))!;
    case 'advisor':
      return and(
        tenant,
        inArray(
          studentColumn,
          ctx.db
            .select({ id: advisorStudents.studentId })
            .from(advisorStudents)
            .where(
              and(
                eq(advisorStudents.tenantId, ctx.tenantId),
                eq(advisorStudents.advisorId, actor.advisorId ?? '00000000-0000-0000-0000-000000000000'),
              ),
            ),
        ),
      )!;
  }
}
