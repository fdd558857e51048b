import { advisorStudents } from '../../db/schema/advisors.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { findVisibleStudent } from '../students/find.js';
import { findAdvisor } from './find.js';

/** Puts a student in an advisor's cohort; assigning twice is a no-op. */
export async function assignStudent({
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
      .insert(advisorStudents)
      .values({
        tenantId: ctx.tenantId,
        advisorId: input.advisorId,
        studentId: input.studentId,
        createdAt: ctx.now(),
      })
      .onConflictDoNothing();
  });
}
