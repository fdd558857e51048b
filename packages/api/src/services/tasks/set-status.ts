import { and, eq, sql } from 'drizzle-orm';
import { type TaskStatus, tasks } from '../../db/schema/tasks.js';
import { ServiceError } from '../../errors.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { type ExpectedVersion, staleOrMissing } from '../versioning.js';
import { findVisibleTask, taskNotFound } from './find.js';
import { presentTask, type TaskView } from './present.js';

/**
 * The student's decision on a task (complete, snooze, dismiss), then a re-evaluation in the same
 * transaction so the reminders follow (a snoozed task is reminded at `snoozedUntil`, a completed or
 * dismissed one not at all). The complete/snooze/dismiss services are thin wrappers over this.
 */
export async function setTaskStatus(
  ctx: ServiceContext,
  input: {
    id: string;
    expectedVersion: ExpectedVersion;
    status: Exclude<TaskStatus, 'obsolete'>;
    snoozedUntil?: Date;
  },
): Promise<TaskView> {
  requireRole(ctx, 'admin', 'integration', 'student');
  return withTransaction(ctx, async (ctx) => {
    const current = await findVisibleTask(ctx, input.id);
    if (current.status === 'obsolete') {
      throw new ServiceError('task.obsolete', 'The rule engine no longer derives this task');
    }
    const expected = input.expectedVersion === 'any' ? current.version : input.expectedVersion;
    const now = ctx.now();
    const resolved = input.status === 'completed' || input.status === 'dismissed';
    const [row] = await ctx.db
      .update(tasks)
      .set({
        status: input.status,
        snoozedUntil: input.snoozedUntil ?? null,
        resolvedAt: resolved ? now : null,
        version: sql`${tasks.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(tasks.tenantId, ctx.tenantId), eq(tasks.id, input.id), eq(tasks.version, expected)))
      .returning();
    if (!row) staleOrMissing(true, () => taskNotFound(input.id));
    return presentTask(row);
  });
}
