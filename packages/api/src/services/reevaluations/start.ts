import { and, count, eq, inArray } from 'drizzle-orm';
import { type ReevaluationReason, reevaluationJobs } from '../../db/schema/reevaluation-jobs.js';
import { students } from '../../db/schema/students.js';
import { newId } from '../../lib/ids.js';
import type { ServiceContext } from '../context.js';
import { presentReevaluation, type ReevaluationView } from './present.js';

/**
 * Queues a re-evaluation of every student of the tenant, in the caller's transaction: it becomes
 * visible to the runners when the change that needs it commits. A tenant-wide change (a new
 * policy) goes through this instead of re-deriving thousands of students inside one request.
 * A job of the tenant still waiting or running is superseded: the new one covers every student.
 */
export async function startReevaluation({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { reason: ReevaluationReason };
}): Promise<ReevaluationView> {
  const now = new Date();
  await ctx.db
    .update(reevaluationJobs)
    .set({ state: 'superseded', finishedAt: now, updatedAt: now })
    .where(
      and(
        eq(reevaluationJobs.tenantId, ctx.tenantId),
        inArray(reevaluationJobs.state, ['queued', 'running']),
      ),
    );
  const [counted] = await ctx.db
    .select({ n: count() })
    .from(students)
    .where(eq(students.tenantId, ctx.tenantId));
  const [row] = await ctx.db
    .insert(reevaluationJobs)
    .values({
      id: newId(now.getTime()),
      tenantId: ctx.tenantId,
      reason: input.reason,
      total: counted?.n ?? 0,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return presentReevaluation(row!);
}
