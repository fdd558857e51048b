import type { InterviewState } from '@infoview/core';
import { and, asc, gt, sql } from 'drizzle-orm';
import { students } from '../../db/schema/students.js';
import { visibleStudents } from '../access.js';
import { requireRole, type ServiceContext } from '../context.js';
import { keyset, type Page, type PageRequest, toPage } from '../pagination.js';

export interface CohortStudentView {
  studentId: string;
  externalId: string;
  name: string;
  /** Interviews per lifecycle state (states with none are absent). */
  pipeline: Partial<Record<InterviewState, number>>;
  /** Open tasks (or snoozed ones whose snooze ended) past their due time. */
  overdueTasks: number;
}

/**
 * An advisor's cohort (an admin's or integration's whole tenant): per student the pipeline counts
 * and overdue tasks, in one query (grouped subqueries joined laterally, never one query per student).
 */
export async function listCohort({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageRequest & { overdueOnly?: boolean | undefined };
}): Promise<Page<CohortStudentView>> {
  requireRole(ctx, 'admin', 'advisor', 'integration');
  // An ISO string, cast in SQL: raw parameters skip drizzle's column mapping, and drivers differ on Dates.
  const now = ctx.now().toISOString();
  const q = keyset(students.id, input, visibleStudents(ctx, students.tenantId, students.id));
  // Written out with aliases: drizzle leaves columns unqualified inside a select list, which
  // would make these correlated subqueries compare a table's columns with themselves.
  const pipeline = sql<Record<string, number> | null>`(
    select jsonb_object_agg(p.state, p.n) from (
      select i.state, count(*)::int as n from interviews i
      where i.tenant_id = "students"."tenant_id" and i.student_id = "students"."id"
      group by i.state
    ) p)`;
  const overdue = sql<number>`(
    select count(*)::int from tasks t
    where t.tenant_id = "students"."tenant_id" and t.student_id = "students"."id"
      and t.due_at < ${now}::timestamptz
      and (t.status = 'open' or (t.status = 'snoozed' and t.snoozed_until <= ${now}::timestamptz)))`;
  const rows = await ctx.db
    .select({ id: students.id, externalId: students.externalId, name: students.name, pipeline, overdue })
    .from(students)
    .where(and(q.where, input.overdueOnly ? gt(overdue, 0) : undefined))
    .orderBy(asc(students.id))
    .limit(q.limit);
  return toPage(rows, q.pageSize, (row) => ({
    studentId: row.id,
    externalId: row.externalId,
    name: row.name,
    pipeline: row.pipeline ?? {},
    overdueTasks: Number(row.overdue),
  }));
}
