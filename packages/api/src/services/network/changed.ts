import type { ServiceContext } from '../context.js';
import { lockChangedStudents } from './load.js';
import { reevaluateLocked } from './reevaluate.js';

/**
 * Re-derives the tasks and reminders of every student the transaction changed (once each, after
 * all of its writes): what `withTransaction` runs before it commits. The database records them:
 * a trigger on every table the rules read (contacts, interviews, touchpoints, milestones, a
 * student's time zone or policy override, a task's status) adds the student to a
 * transaction-local setting (migration 0005), so no writer has to remember to say so; services
 * may name more (`markChanged`). Reading that setting and locking those students is one statement.
 */
export async function reevaluateChanged(ctx: ServiceContext, named: Iterable<string> = []): Promise<void> {
  for (const student of await lockChangedStudents(ctx, named)) await reevaluateLocked(ctx, student);
}
