import type { InterviewState } from '@infoview/core';
import { type SQL, sql } from 'drizzle-orm';

/**
 * How long without an outreach attempt makes a student "quiet" when the caller does not say:
 * the guide's "if you haven't heard back in about two weeks" cadence (docs/cohort.md).
 */
export const DEFAULT_QUIET_AFTER_DAYS = 14;

/** The lifecycle events that are the student reaching out (an attempt: outreach or follow-up). */
export const OUTREACH_EVENTS = ['send_outreach', 'send_follow_up'] as const;

const DAY_MS = 86_400_000;

export interface CohortStudentView {
  studentId: string;
  externalId: string;
  name: string;
  /** Interviews per lifecycle state (states with none are absent). */
  pipeline: Partial<Record<InterviewState, number>>;
  /** Open tasks (or snoozed ones whose snooze ended) past their due time. */
  overdueTasks: number;
  /** The latest thing the student did: a lifecycle event, a new interview or a touchpoint. */
  lastActivityAt: string | null;
  /** The latest outreach attempt (first outreach or follow-up). */
  lastOutreachAt: string | null;
  /** No outreach attempt within the quiet window (or none ever). */
  quiet: boolean;
}

/**
 * The per-student figures as correlated subqueries over the row `"students"`, each a number so
 * both drivers return the same thing (instants as epoch milliseconds, floored so they compare
 * exactly with a cursor's integer).
 */
export function cohortFigures(now: string) {
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
  const lastActivity = sql<number | null>`floor(extract(epoch from greatest(
    (select max(greatest(i.last_event_at, i.created_at)) from interviews i
      where i.tenant_id = "students"."tenant_id" and i.student_id = "students"."id"),
    (select max(tp.at) from touchpoints tp
      where tp.tenant_id = "students"."tenant_id" and tp.student_id = "students"."id")
  )) * 1000)::float8`;
  const lastOutreach = sql<number | null>`floor(extract(epoch from (
    select max(e.at) from interview_events e join interviews i on i.id = e.interview_id
    where i.tenant_id = "students"."tenant_id" and i.student_id = "students"."id"
      and e.tenant_id = "students"."tenant_id"
      and e.type in (${sql.join(
        OUTREACH_EVENTS.map((type) => sql`${type}`),
        sql`, `,
      )})
  )) * 1000)::float8`;
  return { pipeline, overdue, lastActivity, lastOutreach };
}

/** Whether a student with interviews in `state` exists: the state filter, on the row `"students"`. */
export const hasInterviewIn = (state: InterviewState): SQL => sql`exists (
  select 1 from interviews i
  where i.tenant_id = "students"."tenant_id" and i.student_id = "students"."id" and i.state = ${state})`;

/** The start of the quiet window, in epoch milliseconds. */
export const quietSince = (now: Date, quietAfterDays: number): number =>
  now.getTime() - quietAfterDays * DAY_MS;

const instant = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();

export function presentCohortStudent(
  row: {
    id: string;
    externalId: string;
    name: string;
    pipeline: Record<string, number> | null;
    overdue: number;
    lastActivity: number | null;
    lastOutreach: number | null;
  },
  quietFrom: number,
): CohortStudentView {
  const lastOutreach = row.lastOutreach === null ? null : Number(row.lastOutreach);
  return {
    studentId: row.id,
    externalId: row.externalId,
    name: row.name,
    pipeline: row.pipeline ?? {},
    overdueTasks: Number(row.overdue),
    lastActivityAt: instant(row.lastActivity),
    lastOutreachAt: instant(lastOutreach),
    quiet: lastOutreach === null || lastOutreach < quietFrom,
  };
}
