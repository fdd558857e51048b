import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { interviews } from '../../db/schema/interviews.js';
import { visibleStudentsPrepared, withSubject } from '../access.js';
import type { ApiKeyScope, ServiceContext } from '../context.js';
import { preparedStatements } from '../prepared.js';
import { findVisibleInterview, interviewNotFound } from './find.js';
import { type InterviewView, presentInterview } from './present.js';
import { type ColumnsStatement, prepareColumns, presentInterviewColumns } from './read-columns.js';

/**
 * The hottest read: one prepared statement per role (see preparedStatements), its row presented
 * from the column values (see read-columns.ts).
 */
const prepared = preparedStatements<ColumnsStatement>();

function prepareGet(db: Db, role: ApiKeyScope) {
  const query = db
    .select()
    .from(interviews)
    .where(
      and(
        visibleStudentsPrepared(db, role, interviews.tenantId, interviews.studentId),
        eq(interviews.id, sql.placeholder('id')),
      ),
    );
  return prepareColumns(db, query, `interview_get_${role}`);
}

export async function getInterview({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<InterviewView> {
  // Inside a transaction the statement would belong to another session: build it as usual.
  if (ctx.inTransaction) return presentInterview(await findVisibleInterview(ctx, input.id));
  const { role } = ctx.actor;
  const statement = prepared(ctx.db, role, () => prepareGet(ctx.db, role));
  // Indexed, not destructured: the driver's rows are an Array subclass, which destructuring walks
  // with the iterator protocol.
  const row = (await statement.execute(withSubject(ctx, { id: input.id })))[0];
  if (!row) throw interviewNotFound(input.id);
  return presentInterviewColumns(row);
}
