import { and, eq, sql } from 'drizzle-orm';
import { advisors } from '../../db/schema/advisors.js';
import { students } from '../../db/schema/students.js';
import { ServiceError } from '../../errors.js';
import { visibleStudents } from '../access.js';
import { requireRole, type ServiceContext } from '../context.js';
import { type AnalyticsReport, buildReport, type ReportScope, type Sums } from './figures.js';
import { getAnalyticsSettings } from './get-settings.js';
import { FUNNEL_STAGES, METRIC } from './metrics.js';
import { rowsOf } from './rows.js';
import { type AnalyticsWindow, windowOf } from './window.js';

export interface ReportInput {
  scope: ReportScope;
  from?: string | undefined;
  to?: string | undefined;
}

interface SumRow {
  /** Null: the row sums the whole window. */
  week: string | null;
  metric: string;
  value: number;
  students: number;
}

/**
 * The analytics of a tenant, an advisor's cohort or one student over a window of weeks, read from
 * the rollups (never from the interviews): the tenant's from its sums, a cohort's or a student's
 * from the students' rows. Who may ask: the tenant's for admins and integration keys; a cohort's
 * also for its advisor; a student's for whoever may see the student. Figures about fewer than k
 * students are suppressed, except a student's own figures shown to that student.
 */
export async function analyticsReport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ReportInput;
}): Promise<AnalyticsReport> {
  const window = windowOf(ctx.now(), input.from, input.to);
  const { scope } = input;
  const { minStudents } = await getAnalyticsSettings({ ctx });
  let sums: Sums;
  switch (scope.kind) {
    case 'tenant':
      requireRole(ctx, 'admin', 'integration');
      sums = await tenantSums(ctx, window, minStudents);
      break;
    case 'advisor': {
      requireRole(ctx, 'admin', 'integration', 'advisor');
      const advisorId = scope.advisorId!;
      const notFound = () => new ServiceError('advisor.not_found', `No advisor ${advisorId}`);
      if (ctx.actor.role === 'advisor' && ctx.actor.advisorId !== advisorId) throw notFound();
      const [found] = await ctx.db
        .select({ id: advisors.id })
        .from(advisors)
        .where(and(eq(advisors.tenantId, ctx.tenantId), eq(advisors.id, advisorId)));
      if (!found) throw notFound();
      sums = await studentSums(
        ctx,
        window,
        sql`w.student_id in (select a.student_id from advisor_students a
          where a.tenant_id = ${ctx.tenantId} and a.advisor_id = ${advisorId})`,
      );
      break;
    }
    case 'student': {
      const studentId = scope.studentId!;
      const [found] = await ctx.db
        .select({ id: students.id })
        .from(students)
        .where(and(visibleStudents(ctx, students.tenantId, students.id), eq(students.id, studentId)));
      if (!found) throw new ServiceError('student.not_found', `No student ${studentId}`);
      sums = await studentSums(ctx, window, sql`w.student_id = ${studentId}`);
      break;
    }
  }
  const own =
    scope.kind === 'student' && ctx.actor.role === 'student' && ctx.actor.studentId === scope.studentId;
  return buildReport(scope, window, sums, minStudents, !own);
}

/** The metrics the weekly series shows: the only ones read per week. */
const WEEKLY_METRICS = [
  METRIC.identified,
  ...FUNNEL_STAGES.map((stage) => METRIC.funnel(stage)),
  METRIC.sent,
  METRIC.sentReplied,
];
const weeklyList = () =>
  sql.join(
    WEEKLY_METRICS.map((m) => sql`${m}`),
    sql`, `,
  );

/**
 * A cohort's or a student's sums from their rows of the window: per metric over the window with
 * its distinct students, and per week for the weekly series (a row is one student's, so a week's
 * row count is its students).
 */
async function studentSums(
  ctx: ServiceContext,
  window: AnalyticsWindow,
  which: ReturnType<typeof sql>,
): Promise<Sums> {
  const rows = rowsOf<SumRow>(
    await ctx.db.execute(sql`
      with r as materialized (
        select w.week, w.metric, w.value, w.student_id from analytics_student_weeks w
        where w.tenant_id = ${ctx.tenantId} and ${which} and w.week between ${window.from}::date and ${window.to}::date
      )
      select null as week, metric, sum(value)::int as value, count(*)::int as students
      from (select metric, student_id, sum(value) as value from r group by metric, student_id) per_student
      group by metric
      union all
      select week::text, metric, sum(value)::int, count(*)::int from r
      where metric in (${weeklyList()}) group by week, metric`),
  );
  const sums = emptySums();
  for (const row of rows) {
    if (row.week === null) {
      sums.total.set(row.metric, row.value);
      sums.students.set(row.metric, row.students);
    } else addWeekly(sums, row);
  }
  return sums;
}

/**
 * The tenant's sums from its own rollup. How many distinct students a figure covers over several
 * weeks is not a sum: it is at least the largest week's count and at most the weeks' total, which
 * settles almost every figure against k; the few it does not are counted exactly from the
 * students' rows of that metric (an index range holding fewer than k rows per week).
 */
async function tenantSums(ctx: ServiceContext, window: AnalyticsWindow, minStudents: number): Promise<Sums> {
  const rows = rowsOf<SumRow & { most: number }>(
    await ctx.db.execute(sql`
      with wk as materialized (
        select t.week, t.metric, sum(t.value) as value, sum(t.students) as students from analytics_tenant_weeks t
        where t.tenant_id = ${ctx.tenantId} and t.week between ${window.from}::date and ${window.to}::date
        group by t.week, t.metric
      )
      select null as week, metric, sum(value)::int as value, sum(students)::int as students, max(students)::int as most
      from wk group by metric
      union all
      select week::text, metric, value::int, students::int, students::int from wk where metric in (${weeklyList()})`),
  );
  const sums = emptySums();
  const unsettled: string[] = [];
  for (const row of rows) {
    if (row.week !== null) {
      addWeekly(sums, row);
      continue;
    }
    sums.total.set(row.metric, row.value);
    // Only whether a figure reaches k matters, so a bound on the right side of k will do.
    if (row.most >= minStudents) sums.students.set(row.metric, row.most);
    else if (row.students < minStudents) sums.students.set(row.metric, row.students);
    else unsettled.push(row.metric);
  }
  if (unsettled.length > 0) {
    const exact = rowsOf<{ metric: string; students: number }>(
      await ctx.db.execute(sql`
        select w.metric, count(distinct w.student_id)::int as students from analytics_student_weeks w
        where w.tenant_id = ${ctx.tenantId} and w.metric in (${sql.join(
          unsettled.map((m) => sql`${m}`),
          sql`, `,
        )})
          and w.week between ${window.from}::date and ${window.to}::date
        group by w.metric`),
    );
    for (const row of exact) sums.students.set(row.metric, row.students);
  }
  return sums;
}

function emptySums(): Sums {
  return { total: new Map(), students: new Map(), weekly: new Map() };
}

function addWeekly(sums: Sums, row: SumRow): void {
  let cells = sums.weekly.get(row.week!);
  if (!cells) {
    cells = new Map();
    sums.weekly.set(row.week!, cells);
  }
  cells.set(row.metric, { value: row.value, students: row.students });
}
