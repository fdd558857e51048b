import type { Db } from '../db/client.js';
import type { ServiceLogger } from '../services/context.js';
import { runImportBatch } from '../services/imports/run-batch.js';
import { BatchRunner } from './batch-runner.js';

export interface ImportRunnerOptions {
  db: Db;
  log: ServiceLogger;
  /** Rows the preview classifies per batch (a few look-ups per batch). */
  previewBatchSize?: number;
  /** Rows the commit writes per batch (each through the contacts or students service). */
  commitBatchSize?: number;
  pollIntervalMs?: number;
  afterBatch?: (tenantId: string, since: Date) => Promise<void>;
}

/** Works through the imports (`imports`): previews and commits, a batch of rows at a time. */
export class ImportRunner extends BatchRunner {
  constructor(options: ImportRunnerOptions) {
    const input = {
      previewBatchSize: options.previewBatchSize ?? 2000,
      commitBatchSize: options.commitBatchSize ?? 1000,
    };
    super({
      name: 'import',
      log: options.log,
      ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
      ...(options.afterBatch ? { afterBatch: options.afterBatch } : {}),
      runBatch: () =>
        runImportBatch({ ctx: { db: options.db, now: () => new Date(), log: options.log }, input }),
    });
  }
}
