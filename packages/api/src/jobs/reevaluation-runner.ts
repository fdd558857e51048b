import type { Db } from '../db/client.js';
import type { ServiceLogger } from '../services/context.js';
import { runReevaluationBatch } from '../services/reevaluations/run-batch.js';
import { BatchRunner } from './batch-runner.js';

export interface ReevaluationRunnerOptions {
  db: Db;
  log: ServiceLogger;
  /** Students per batch, each batch one transaction. */
  batchSize?: number;
  /** How often to look for a job when nothing woke the runner (a job queued by another process). */
  pollIntervalMs?: number;
  /** Hands the reminders a batch committed to the reminder driver (the post-commit half of the outbox). */
  afterBatch?: (tenantId: string, since: Date) => Promise<void>;
}

/** Works through the tenant-wide re-evaluation jobs (`reevaluation_jobs`), a batch of students at a time. */
export class ReevaluationRunner extends BatchRunner {
  constructor(options: ReevaluationRunnerOptions) {
    const batchSize = options.batchSize ?? 25;
    super({
      name: 're-evaluation',
      log: options.log,
      ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
      ...(options.afterBatch ? { afterBatch: options.afterBatch } : {}),
      runBatch: () =>
        runReevaluationBatch({
          ctx: { db: options.db, now: () => new Date(), log: options.log },
          input: { batchSize },
        }),
    });
  }
}
