import fp from 'fastify-plugin';
import { ReevaluationRunner } from '../jobs/reevaluation-runner.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The background runner of tenant-wide re-evaluations (a new policy re-derives every student). */
    reevaluations: ReevaluationRunner;
  }
}

export interface ReevaluationsPluginOptions {
  batchSize?: number;
  pollIntervalMs?: number;
}

/**
 * Runs the re-evaluation jobs in this process, beside the reminders: started with the app,
 * drained on close. The worker process runs one too; they share the jobs safely.
 */
export default fp<ReevaluationsPluginOptions>(
  async (app, options) => {
    const runner = new ReevaluationRunner({
      db: app.database.db,
      log: app.log,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
      afterBatch: (tenantId, since) => app.reminders.driver.afterCommit(tenantId, since),
    });
    app.decorate('reevaluations', runner);
    app.addHook('onReady', async () => {
      runner.start();
    });
    app.addHook('onClose', async () => {
      await runner.stop();
    });
  },
  { name: 'reevaluations', fastify: '5.x', dependencies: ['database', 'reminders'] },
);
