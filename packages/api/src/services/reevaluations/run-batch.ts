import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type ReevaluationJobState, reevaluationJobs } from '../../db/schema/reevaluation-jobs.js';
import { students } from '../../db/schema/students.js';
import type { Actor, ServiceContext, ServiceLogger } from '../context.js';
import { reevaluateNetwork } from '../network/reevaluate.js';
import { readTestClock } from '../test-clocks/read.js';

/** Who a background re-evaluation acts as: the tenant's system, as the reminder dispatcher does. */
const SYSTEM_ACTOR: Actor = {
  apiKeyId: '00000000-0000-0000-0000-000000000000',
  scope: 'admin',
  role: 'admin',
  studentId: null,
  advisorId: null,
  actingAs: false,
};

/** What one batch did: the job, its tenant, how many students it re-derived and the job's state after. */
export interface BatchOutcome {
  jobId: string;
  tenantId: string;
  processed: number;
  state: ReevaluationJobState;
}

/**
 * Takes the oldest job no other runner holds (`FOR UPDATE SKIP LOCKED`), re-derives its next
 * `batchSize` students and records the progress, all in one transaction: progress and the tasks
 * it stands for commit together, and a runner dying mid-batch leaves the job where it was for
 * the next one. Null when no job waits.
 */
export async function runReevaluationBatch({
  ctx,
  input,
}: {
  ctx: { db: Db; now: () => Date; log: ServiceLogger };
  input: { batchSize: number };
}): Promise<BatchOutcome | null> {
  return ctx.db.transaction(async (tx) => {
    const [job] = await tx
      .select()
      .from(reevaluationJobs)
      .where(inArray(reevaluationJobs.state, ['queued', 'running']))
      .orderBy(asc(reevaluationJobs.createdAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!job) return null;
    // A sandbox tenant's tasks are dated by its test clock, as its requests are.
    const frozen = await readTestClock(tx, job.tenantId);
    const service: ServiceContext = {
      db: tx,
      tenantId: job.tenantId,
      actor: SYSTEM_ACTOR,
      now: frozen ? () => frozen : ctx.now,
      log: ctx.log,
      inTransaction: true,
      changed: new Set(),
    };
    const batch = await tx
      .select({ id: students.id })
      .from(students)
      .where(
        and(
          eq(students.tenantId, job.tenantId),
          job.afterStudentId ? gt(students.id, job.afterStudentId) : undefined,
        ),
      )
      .orderBy(asc(students.id))
      .limit(input.batchSize);
    for (const student of batch) await reevaluateNetwork({ ctx: service, input: { studentId: student.id } });
    const state: ReevaluationJobState = batch.length < input.batchSize ? 'completed' : 'running';
    const at = ctx.now();
    await tx
      .update(reevaluationJobs)
      .set({
        state,
        done: sql`${reevaluationJobs.done} + ${batch.length}`,
        afterStudentId: batch.at(-1)?.id ?? job.afterStudentId,
        batches: sql`${reevaluationJobs.batches} + 1`,
        startedAt: job.startedAt ?? at,
        finishedAt: state === 'completed' ? at : null,
        updatedAt: at,
      })
      .where(eq(reevaluationJobs.id, job.id));
    return { jobId: job.id, tenantId: job.tenantId, processed: batch.length, state };
  });
}
