import { and, eq } from 'drizzle-orm';
import { students } from '../../db/schema/students.js';
import { ServiceError } from '../../errors.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';

export const studentNotFound = (id: string) => new ServiceError('student.not_found', `No student ${id}`);

/** The student row if the caller may see it; otherwise 404 (never 403: existence is not revealed). */
export async function findVisibleStudent(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db
    .select()
    .from(students)
    .where(and(visibleStudents(ctx, students.tenantId, students.id), eq(students.id, id)));
  if (!row) throw studentNotFound(id);
  return row;
}
