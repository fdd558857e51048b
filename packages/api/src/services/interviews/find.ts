import { and, eq } from 'drizzle-orm';
import { interviews } from '../../db/schema/interviews.js';
import { ServiceError } from '../../errors.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';

export const interviewNotFound = (id: string) =>
  new ServiceError('interview.not_found', `No interview ${id}`);

/** The interview row if the caller may see it; otherwise 404. */
export async function findVisibleInterview(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db
    .select()
    .from(interviews)
    .where(and(visibleStudents(ctx, interviews.tenantId, interviews.studentId), eq(interviews.id, id)));
  if (!row) throw interviewNotFound(id);
  return row;
}
