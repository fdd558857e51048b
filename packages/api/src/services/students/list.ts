import { and, eq, inArray } from 'drizzle-orm';
import { advisorStudents } from '../../db/schema/advisors.js';
import { students } from '../../db/schema/students.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';
import { keyset, type Page, type PageRequest, toPage } from '../pagination.js';
import { presentStudent, type StudentView } from './present.js';

export interface ListStudentsInput extends PageRequest {
  externalId?: string | undefined;
  advisorId?: string | undefined;
}

export async function listStudents({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ListStudentsInput;
}): Promise<Page<StudentView>> {
  const filters = and(
    visibleStudents(ctx, students.tenantId, students.id),
    input.externalId === undefined ? undefined : eq(students.externalId, input.externalId),
    input.advisorId === undefined
      ? undefined
      : inArray(
          students.id,
          ctx.db
            .select({ id: advisorStudents.studentId })
            .from(advisorStudents)
            .where(
              and(eq(advisorStudents.tenantId, ctx.tenantId), eq(advisorStudents.advisorId, input.advisorId)),
            ),
        ),
  );
  const q = keyset(students.id, input, filters);
  const rows = await ctx.db.select().from(students).where(q.where).orderBy(q.orderBy).limit(q.limit);
  return toPage(rows, q.pageSize, presentStudent);
}
