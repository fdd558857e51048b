import { and, eq } from 'drizzle-orm';
import { advisorStudents } from '../../db/schema/advisors.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { findVisibleStudent } from '../students/find.js';
import { findAdvisor } from './find.js';

export async function unassignStudent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { advisorId: string; studentId: string };
}): Promise<void> {
  requireRole(ctx, 'admin');
  await withTransaction(ctx, async (ctx) => {
    await findAdvisor(ctx, input.advisorId);
    await findVisibleStudent(ctx, input.studentId);
    await ctx.db
      .delete(advisorStudents)
      .where(
        and(
          eq(advisorStudents.tenantId, ctx.tenantId),
          eq(advisorStudents.advisorId, input.advisorId),
          eq(advisorStudents.studentId, input.studentId),
        ),
      );
  });
}
