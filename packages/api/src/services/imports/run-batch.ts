import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  type ImportCounts,
  type ImportRow,
  type ImportState,
  importRows,
  imports,
} from '../../db/schema/imports.js';
import type { Actor, ServiceContext, ServiceLogger } from '../context.js';
import { withTransaction } from '../context.js';
import { notifyStudent } from '../reminders/notify.js';
import { readTestClock } from '../test-clocks/read.js';
import { applyContactRows } from './apply-contacts.js';
import { classifyContactRows } from './classify-contacts.js';
import { applyRosterRows, classifyRosterRows, reportMissingStudents } from './roster-rows.js';
import { recordVerdicts } from './verdict.js';

/** Who a background import acts as: the tenant's system, as the re-evaluation runner does. */
const SYSTEM_ACTOR: Actor = {
  apiKeyId: '00000000-0000-0000-0000-000000000000',
  scope: 'admin',
  role: 'admin',
  studentId: null,
  advisorId: null,
  actingAs: false,
};

export interface ImportBatchOutcome {
  jobId: string;
  tenantId: string;
  processed: number;
  state: ImportState;
}

/**
 * Takes the oldest import waiting for its preview or its commit that no other runner holds
 * (`FOR UPDATE SKIP LOCKED`), does its next `batchSize` rows and records the progress in the
 * same transaction (with the contacts or students they wrote and the re-evaluation of the
 * student), so a crash mid-batch leaves the job where it was. Null when no import waits.
 */
export async function runImportBatch({
  ctx,
  input,
}: {
  ctx: { db: Db; now: () => Date; log: ServiceLogger };
  input: { previewBatchSize: number; commitBatchSize: number };
}): Promise<ImportBatchOutcome | null> {
  return ctx.db.transaction(async (tx) => {
    const [job] = await tx
      .select()
      .from(imports)
      .where(inArray(imports.state, ['previewing', 'committing']))
      .orderBy(asc(imports.updatedAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!job) return null;
    const frozen = await readTestClock(tx, job.tenantId);
    const service: ServiceContext = {
      db: tx,
      tenantId: job.tenantId,
      actor: SYSTEM_ACTOR,
      now: frozen ? () => frozen : ctx.now,
      log: ctx.log,
    };
    // A nested transaction (a savepoint) whose end re-evaluates the student the batch wrote.
    return withTransaction({ ...service, db: tx }, (service) => runBatch(service, job, input));
  });
}

async function runBatch(
  ctx: ServiceContext,
  job: ImportRow,
  input: { previewBatchSize: number; commitBatchSize: number },
): Promise<ImportBatchOutcome> {
  const previewing = job.state === 'previewing';
  const size = previewing ? input.previewBatchSize : input.commitBatchSize;
  // The commit walks only the rows that may write: what the preview found unchanged, invalid
  // or missing stays so (a re-import of the same file reads its rows once, in the preview).
  const rows = await ctx.db
    .select()
    .from(importRows)
    .where(
      and(
        eq(importRows.importId, job.id),
        gt(importRows.seq, job.afterSeq),
        previewing ? undefined : inArray(importRows.status, ['new', 'duplicate', 'update']),
      ),
    )
    .orderBy(asc(importRows.seq))
    .limit(size);
  const contactJob = { id: job.id, studentId: job.studentId!, options: job.options };
  const verdicts = previewing
    ? job.kind === 'contacts'
      ? await classifyContactRows(ctx, contactJob, rows)
      : await classifyRosterRows(ctx, job, rows)
    : job.kind === 'contacts'
      ? await applyContactRows(ctx, contactJob, rows)
      : await applyRosterRows(ctx, rows);
  await recordVerdicts(ctx, job.id, verdicts);

  const last = rows.length < size;
  let state: ImportState = job.state;
  const at = ctx.now();
  if (last && previewing) {
    if (job.kind === 'roster' && job.options.mode === 'full') await reportMissingStudents(ctx, job);
    state = 'previewed';
  } else if (last) {
    state = 'completed';
  }
  const counts = await countRows(ctx, job.id);
  const [updated] = await ctx.db
    .update(imports)
    .set({
      state,
      // A phase that is over starts the next one from the first row.
      // Progress is the file position reached (rows skipped by the commit count as done).
      done: last ? (previewing ? 0 : job.total) : Math.min(job.total, rows.at(-1)!.seq),
      afterSeq: last ? 0 : rows.at(-1)!.seq,
      counts,
      previewedAt: state === 'previewed' ? at : job.previewedAt,
      finishedAt: state === 'completed' ? at : null,
      updatedAt: sql`now()`,
    })
    .where(eq(imports.id, job.id))
    .returning();
  if (state === 'completed' && job.kind === 'contacts') {
    await notifyStudent({
      ctx,
      input: {
        studentId: job.studentId!,
        event: 'import.completed',
        key: job.id,
        title: importTitle(counts),
        data: { importId: job.id, format: job.options.format, total: job.total, counts },
      },
    });
  }
  return { jobId: job.id, tenantId: job.tenantId, processed: rows.length, state: updated!.state };
}

async function countRows(ctx: ServiceContext, importId: string): Promise<ImportCounts> {
  const rows = await ctx.db
    .select({ status: importRows.status, n: sql<number>`count(*)::int` })
    .from(importRows)
    .where(eq(importRows.importId, importId))
    .groupBy(importRows.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

function importTitle(counts: ImportCounts): string {
  const created = counts.created ?? 0;
  const merged = counts.merged ?? 0;
  return `Import finished: ${created} contact${created === 1 ? '' : 's'} added, ${merged} updated`;
}
