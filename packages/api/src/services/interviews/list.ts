import type { InterviewState } from '@infoview/core';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { interviews } from '../../db/schema/interviews.js';
import { visibleStudentsPrepared, withSubject } from '../access.js';
import type { ApiKeyScope, ServiceContext } from '../context.js';
import { decodeCursor, type Page, type PageRequest, pageSizeOf, toPage } from '../pagination.js';
import { preparedStatements } from '../prepared.js';
import type { InterviewView } from './present.js';
import { interviewIdOf, prepareColumns, presentInterviewColumns } from './read-columns.js';

export interface ListInterviewsInput extends PageRequest {
  studentId?: string | undefined;
  contactId?: string | undefined;
  state?: InterviewState | undefined;
}

/** Which optional conditions a list has: each combination is its own prepared statement. */
interface Shape {
  role: ApiKeyScope;
  after: boolean;
  studentId: boolean;
  contactId: boolean;
  state: boolean;
}

/**
 * Keyset pagination (see `keyset` in pagination.ts) as prepared statements, one per role and set
 * of filters (see preparedStatements), rows presented from the column values (see read-columns.ts).
 */
const prepared = preparedStatements<ReturnType<typeof prepareList>>();

function prepareList(db: Db, shape: Shape, name: string) {
  const query = db
    .select()
    .from(interviews)
    .where(
      and(
        visibleStudentsPrepared(db, shape.role, interviews.tenantId, interviews.studentId),
        shape.studentId ? eq(interviews.studentId, sql.placeholder('filterStudentId')) : undefined,
        shape.contactId ? eq(interviews.contactId, sql.placeholder('filterContactId')) : undefined,
        shape.state ? eq(interviews.state, sql.placeholder('filterState')) : undefined,
        shape.after ? gt(interviews.id, sql.placeholder('after')) : undefined,
      ),
    )
    .orderBy(asc(interviews.id))
    .limit(sql.placeholder('limit'));
  return prepareColumns(db, query, name);
}

export async function listInterviews({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ListInterviewsInput;
}): Promise<Page<InterviewView>> {
  const pageSize = pageSizeOf(input);
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
  const shape: Shape = {
    role: ctx.actor.role,
    after: after !== undefined,
    studentId: input.studentId !== undefined,
    contactId: input.contactId !== undefined,
    state: input.state !== undefined,
  };
  const name = `interview_list_${shape.role}_${Number(shape.after)}${Number(shape.studentId)}${Number(shape.contactId)}${Number(shape.state)}`;
  const statement = prepared(ctx.db, name, () => prepareList(ctx.db, shape, name));
  const rows = await statement.execute(
    withSubject(ctx, {
      filterStudentId: input.studentId,
      filterContactId: input.contactId,
      filterState: input.state,
      after,
      limit: pageSize + 1,
    }),
  );
  return toPage(rows, pageSize, presentInterviewColumns, interviewIdOf);
}
