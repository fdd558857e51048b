import { requireRole, type ServiceContext } from '../context.js';
import { findVisibleStudent } from '../students/find.js';
import { revokeFeedsOf } from './create-feed.js';

/** Revokes a student's subscription feed at once; revoking when there is none is a no-op. */
export async function revokeCalendarFeed({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { studentId: string };
}): Promise<void> {
  requireRole(ctx, 'admin', 'integration', 'student');
  const student = await findVisibleStudent(ctx, input.studentId);
  await revokeFeedsOf(ctx, student.id);
}
