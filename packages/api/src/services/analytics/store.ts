import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context.js';
import { type Contribution, type ContributionInput, contributionOf } from './contribution.js';
import { rowsOf } from './rows.js';

/**
 * Brings the student's analytics rollup up to date with their network, inside the caller's
 * transaction: the new contribution is diffed against the one stored last time, and only the
 * weeks × metrics that differ are written (a trigger moves the tenant's sums by the same amount).
 * Called by `reevaluateNetwork`, so every write that re-derives tasks keeps the rollups current too.
 * Two statements (one when the caller passes the stored contribution): read the previous
 * contribution; write the differences and the new one.
 */
export async function storeAnalytics(
  ctx: ServiceContext,
  studentId: string,
  input: ContributionInput,
  /** The stored contribution when the caller already read it (the re-evaluation's one read does). */
  stored?: Record<string, number> | null,
): Promise<void> {
  const next = contributionOf(input);
  const previous =
    stored !== undefined
      ? stored
      : (rowsOf<{ figures: Record<string, number> }>(
          await ctx.db.execute(
            sql`select figures from analytics_students where student_id = ${studentId} and tenant_id = ${ctx.tenantId}`,
          ),
        )[0]?.figures ?? null);
  const changes = diff(previous ?? {}, next);
  if (changes.length === 0 && previous !== null) return;
  // Sorted, so two transactions touching the same tenant rows lock them in the same order.
  changes.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const rows = changes.map(({ k, v }) => {
    const bar = k.indexOf('|');
    return { week: k.slice(0, bar), metric: k.slice(bar + 1), value: v };
  });
  const figures = JSON.stringify(Object.fromEntries(next));
  await ctx.db.execute(sql`
    with changed as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as x(week date, metric text, value integer)
    ), removed as (
      delete from analytics_student_weeks w using changed c
      where w.student_id = ${studentId} and w.week = c.week and w.metric = c.metric and c.value = 0
    ), written as (
      insert into analytics_student_weeks (tenant_id, student_id, week, metric, value)
      select ${ctx.tenantId}, ${studentId}, c.week, c.metric, c.value from changed c where c.value <> 0
      order by c.week, c.metric
      on conflict (student_id, week, metric) do update set value = excluded.value
    )
    insert into analytics_students (student_id, tenant_id, figures)
    values (${studentId}, ${ctx.tenantId}, ${figures}::text::jsonb)
    on conflict (student_id) do update set figures = excluded.figures`);
}

/** The entries whose value differs, with the new value (0: the entry is gone). */
function diff(previous: Record<string, number>, next: Contribution): { k: string; v: number }[] {
  const out: { k: string; v: number }[] = [];
  for (const [k, v] of next) if (previous[k] !== v) out.push({ k, v });
  for (const k of Object.keys(previous)) if (!next.has(k)) out.push({ k, v: 0 });
  return out;
}
