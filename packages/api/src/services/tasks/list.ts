import { and, asc, eq, gt, gte, lt, ne, or } from 'drizzle-orm';
import { type TaskStatus, tasks } from '../../db/schema/tasks.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';
import { decodeTupleCursor, type Page, type PageRequest, pageSizeOf, toTuplePage } from '../pagination.js';
import { presentTask, type TaskView } from './present.js';

export interface ListTasksInput extends PageRequest {
  studentId?: string | undefined;
  /** Without a status, every task but the obsolete ones. */
  status?: TaskStatus | undefined;
  dueBefore?: string | undefined;
  dueAfter?: string | undefined;
}

/** Tasks by due time (then id), keyset on both. */
export async function listTasks({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ListTasksInput;
}): Promise<Page<TaskView>> {
  const size = pageSizeOf(input);
  const after =
    input.cursor === undefined ? undefined : decodeTupleCursor(input.cursor, ['instant', 'uuid'] as const);
  const rows = await ctx.db
    .select()
    .from(tasks)
    .where(
      and(
        visibleStudents(ctx, tasks.tenantId, tasks.studentId),
        input.studentId === undefined ? undefined : eq(tasks.studentId, input.studentId),
        input.status === undefined ? ne(tasks.status, 'obsolete') : eq(tasks.status, input.status),
        input.dueBefore === undefined ? undefined : lt(tasks.dueAt, new Date(input.dueBefore)),
        input.dueAfter === undefined ? undefined : gte(tasks.dueAt, new Date(input.dueAfter)),
        after === undefined
          ? undefined
          : or(gt(tasks.dueAt, after[0]), and(eq(tasks.dueAt, after[0]), gt(tasks.id, after[1]))),
      ),
    )
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .limit(size + 1);
  return toTuplePage(rows, size, presentTask, (row) => [row.dueAt.toISOString(), row.id]);
}
