import { and, eq } from 'drizzle-orm';
import { tasks } from '../../db/schema/tasks.js';
import { ServiceError } from '../../errors.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';

export const taskNotFound = (id: string) => new ServiceError('task.not_found', `No task ${id}`);

export async function findVisibleTask(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db
    .select()
    .from(tasks)
    .where(and(visibleStudents(ctx, tasks.tenantId, tasks.studentId), eq(tasks.id, id)));
  if (!row) throw taskNotFound(id);
  return row;
}
