import type { InterviewState } from '@infoview/core';
import { and, asc, desc, eq, gt, lt, or, type SQL, sql } from 'drizzle-orm';
import { students } from '../../db/schema/students.js';
import { visibleStudents } from '../access.js';
import { requireRole, type ServiceContext } from '../context.js';
import {
  decodeCursor,
  decodeTupleCursor,
  encodeCursor,
  encodeTupleCursor,
  type Page,
  type PageRequest,
  pageSizeOf,
} from '../pagination.js';
import {
  type CohortStudentView,
  cohortFigures,
  DEFAULT_QUIET_AFTER_DAYS,
  hasInterviewIn,
  presentCohortStudent,
  quietSince,
} from './summary.js';

export type { CohortStudentView } from './summary.js';

/** The orders a cohort can be read in; ties (and `id`) go by the student's id. */
export const COHORT_SORTS = ['id', 'overdue', 'lastActivity'] as const;
export type CohortSort = (typeof COHORT_SORTS)[number];

/** Each sort's direction when the caller gives none: the most overdue first, the quietest first. */
const DEFAULT_ORDER: Record<CohortSort, 'asc' | 'desc'> = { id: 'asc', overdue: 'desc', lastActivity: 'asc' };

export interface ListCohortInput extends PageRequest {
  overdueOnly?: boolean | undefined;
  /** Only students with an interview in this state. */
  state?: InterviewState | undefined;
  /** Only students without an outreach attempt in the quiet window. */
  quietOnly?: boolean | undefined;
  /** The quiet window in days ({@link DEFAULT_QUIET_AFTER_DAYS} when absent). */
  quietAfterDays?: number | undefined;
  sort?: CohortSort | undefined;
  order?: 'asc' | 'desc' | undefined;
}

/**
 * An advisor's cohort (an admin's or integration's whole tenant): per student the pipeline counts,
 * overdue tasks, last activity and last outreach, in one query (correlated subqueries, never one
 * query per student), filtered and ordered by those figures with keyset cursors over
 * `(figure, id)`, so a page deep in a sorted cohort costs what the first one does.
 */
export async function listCohort({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ListCohortInput;
}): Promise<Page<CohortStudentView>> {
  requireRole(ctx, 'admin', 'advisor', 'integration');
  // An ISO string, cast in SQL: raw parameters skip drizzle's column mapping, and drivers differ on Dates.
  const now = ctx.now();
  const figures = cohortFigures(now.toISOString());
  const quietFrom = quietSince(now, input.quietAfterDays ?? DEFAULT_QUIET_AFTER_DAYS);
  const sort = input.sort ?? 'id';
  const order = input.order ?? DEFAULT_ORDER[sort];
  const pageSize = pageSizeOf(input);

  const cohort = ctx.db
    .select({
      id: students.id,
      externalId: students.externalId,
      name: students.name,
      pipeline: figures.pipeline.as('pipeline'),
      overdue: figures.overdue.as('overdue'),
      lastActivity: figures.lastActivity.as('last_activity'),
      lastOutreach: figures.lastOutreach.as('last_outreach'),
    })
    .from(students)
    .where(
      and(
        visibleStudents(ctx, students.tenantId, students.id),
        input.state ? hasInterviewIn(input.state) : undefined,
      ),
    )
    .as('cohort');

  // The sort key: a student without any activity sorts as the oldest (epoch 0).
  const key: SQL<number> | undefined =
    sort === 'overdue'
      ? sql<number>`${cohort.overdue}`
      : sort === 'lastActivity'
        ? sql<number>`coalesce(${cohort.lastActivity}, 0)`
        : undefined;

  let after: SQL | undefined;
  if (input.cursor !== undefined) {
    if (!key) {
      after = gt(cohort.id, decodeCursor(input.cursor));
    } else {
      const [value, lastId] = decodeTupleCursor(input.cursor, ['int', 'uuid'] as const);
      const beyond = order === 'asc' ? gt(key, value) : lt(key, value);
      after = or(beyond, and(eq(key, value), gt(cohort.id, lastId)));
    }
  }

  const rows = await ctx.db
    .select()
    .from(cohort)
    .where(
      and(
        input.overdueOnly ? gt(cohort.overdue, 0) : undefined,
        input.quietOnly ? sql`coalesce(${cohort.lastOutreach}, -1) < ${quietFrom}::float8` : undefined,
        after,
      ),
    )
    .orderBy(...(key ? [order === 'asc' ? asc(key) : desc(key)] : []), asc(cohort.id))
    .limit(pageSize + 1);

  const hasMore = rows.length > pageSize;
  const pageRows = hasMore ? rows.slice(0, pageSize) : rows;
  const last = pageRows.at(-1);
  const keyOf = (row: (typeof rows)[number]) =>
    sort === 'overdue' ? Number(row.overdue) : Number(row.lastActivity ?? 0);
  return {
    data: pageRows.map((row) => presentCohortStudent(row, quietFrom)),
    nextCursor:
      hasMore && last ? (key ? encodeTupleCursor([keyOf(last), last.id]) : encodeCursor(last.id)) : null,
  };
}
