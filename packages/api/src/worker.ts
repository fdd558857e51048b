// The reminder worker process (BullMQ): `pnpm --filter @infoview/api worker`. It needs the same
// DATABASE_URL and REDIS_URL as the API; the API applies the migrations.
import closeWithGrace from 'close-with-grace';
import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { installSecretKeyring } from './crypto/installed-keyring.js';
import { resolveSecretKeyring } from './crypto/keyring-file.js';
import type { SecretKeyring } from './crypto/secret-keyring.js';
import { openDatabase } from './db/client.js';
import { ImportRunner } from './jobs/import-runner.js';
import { ReevaluationRunner } from './jobs/reevaluation-runner.js';
import { loggerOptions } from './logger.js';
import { AddressPolicy } from './net/address-policy.js';
import { installOutboundPolicy } from './net/outbound-policy.js';
import { createReminderRuntime } from './reminders/runtime.js';

let config: ReturnType<typeof loadConfig>;
let keyring: SecretKeyring;
try {
  config = loadConfig();
  // Before the Redis/PostgreSQL check: the worker always runs with DATABASE_URL, so this asks for
  // INFOVIEW_SECRET_KEYS (the same keys as the API's) by name.
  keyring = resolveSecretKeyring(config);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Infoview worker cannot start: invalid configuration — ${error.message}`);
    process.exit(2);
  }
  throw error;
}
if (!config.redisUrl || !config.databaseUrl) {
  console.error(
    'Infoview worker cannot start: it needs REDIS_URL and DATABASE_URL (PostgreSQL). Without Redis the API ' +
      'delivers reminders itself; with the embedded database set INFOVIEW_WORKER_IN_PROCESS=true instead.',
  );
  process.exit(2);
}

installOutboundPolicy(new AddressPolicy(config.webhookAllowPrivateHosts));
installSecretKeyring(keyring);
const log = pino({ ...loggerOptions(config.logLevel), name: 'reminder-worker' });
// Each in-flight job holds a connection for a few short statements at a time.
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  maxConnections: config.databasePoolSize ?? 20,
});
const runtime = createReminderRuntime({ config, db: database.db, log, worker: true });
// Tenant-wide re-evaluations (a new policy) run here too, sharing the jobs with the API processes.
const reevaluations = new ReevaluationRunner({
  db: database.db,
  log,
  afterBatch: (tenantId, since) => runtime.driver.afterCommit(tenantId, since),
});
// Imports (contacts, roster syncs) likewise.
const importRunner = new ImportRunner({
  db: database.db,
  log,
  afterBatch: (tenantId, since) => runtime.driver.afterCommit(tenantId, since),
});

closeWithGrace({ delay: 30_000 }, async ({ signal, err }) => {
  if (err) log.error({ err }, 'closing after an error');
  else log.info({ signal }, 'draining: finishing the reminders in progress');
  // Worker.close() waits for active jobs: SIGTERM never cuts a delivery in half.
  await reevaluations.stop();
  await importRunner.stop();
  await runtime.stop();
  await database.close();
});

await runtime.start();
reevaluations.start();
importRunner.start();
log.info(
  { queue: config.reminders.queueName, concurrency: config.reminders.concurrency },
  'reminder worker ready',
);
