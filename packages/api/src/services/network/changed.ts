import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context.js';
import { reevaluateNetwork } from './reevaluate.js';

/**
 * The students whose rule inputs this transaction changed. The database records them: a trigger
 * on every table the rules read (contacts, interviews, touchpoints, milestones, a student's time
 * zone or policy override, a task's status) adds the student to a transaction-local setting
 * (migration 0005), so no writer has to remember to say so.
 */
export async function changedStudents(ctx: ServiceContext): Promise<string[]> {
  const result = (await ctx.db.execute(
    sql`select current_setting('infoview.changed_students', true) as ids`,
  )) as unknown as { ids: string | null }[] | { rows: { ids: string | null }[] };
  const [row] = Array.isArray(result) ? result : result.rows;
  return row?.ids ? row.ids.split(',').filter(Boolean) : [];
}

/**
 * Re-derives the tasks and reminders of every student the transaction changed (once each, after
 * all of its writes): what `withTransaction` runs before it commits.
 */
export async function reevaluateChanged(ctx: ServiceContext, named: Iterable<string> = []): Promise<void> {
  const students = new Set(named);
  for (const id of await changedStudents(ctx)) students.add(id);
  for (const studentId of students) await reevaluateNetwork({ ctx, input: { studentId } });
}
