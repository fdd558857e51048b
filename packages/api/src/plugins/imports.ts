import fp from 'fastify-plugin';
import { ImportRunner } from '../jobs/import-runner.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The background runner of imports (contact imports, roster syncs): previews and commits. */
    imports: ImportRunner;
  }
}

export interface ImportsPluginOptions {
  pollIntervalMs?: number;
}

/** Runs the import jobs in this process, beside the re-evaluations; the worker runs one too. */
export default fp<ImportsPluginOptions>(
  async (app, options) => {
    const runner = new ImportRunner({
      db: app.database.db,
      log: app.log,
      ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
      afterBatch: (tenantId, since) => app.reminders.driver.afterCommit(tenantId, since),
    });
    app.decorate('imports', runner);
    app.addHook('onReady', async () => {
      runner.start();
    });
    app.addHook('onClose', async () => {
      await runner.stop();
    });
  },
  { name: 'imports', fastify: '5.x', dependencies: ['database', 'reminders'] },
);
