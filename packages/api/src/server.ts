// The process: configuration from the environment (validated once), the database, the app, and
// a graceful shutdown. Everything else is built by buildApp.
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { resolveSecretKeyring } from './crypto/keyring-file.js';
import type { SecretKeyring } from './crypto/secret-keyring.js';
import { type Database, openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { assertCanListen, listenFailure } from './lib/port-probe.js';
import { StartupError } from './lib/startup-error.js';
import { ensureDemoTenant } from './services/tenants/ensure-demo.js';
import { resealWebhookSecrets } from './services/webhook-endpoints/reseal-secrets.js';

/** An operator's problem: one line on stderr, no stack trace, exit 1. */
function cannotStart(error: StartupError): never {
  console.error(`Infoview cannot start: ${error.message}`);
  process.exit(1);
}

let config: ReturnType<typeof loadConfig>;
let keyring: SecretKeyring;
try {
  config = loadConfig();
  keyring = resolveSecretKeyring(config);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Infoview cannot start: invalid configuration — ${error.message}`);
    process.exit(2);
  }
  throw error;
}

let database: Database;
try {
  // The port first: a busy port is reported before anything is opened or migrated.
  await assertCanListen(config.host, config.port);
  database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    maxConnections: config.databasePoolSize ?? 10,
    role: 'the API server',
  });
} catch (error) {
  if (error instanceof StartupError) cannotStart(error);
  throw error;
}
const app = await buildApp(config, { database, keyring });

try {
  await migrateDatabase(database);
} catch (error) {
  app.log.fatal({ err: error }, 'database migration failed');
  await database.close();
  process.exit(1);
}

// Under the start-up lock: replicas starting together on an empty database seed it once.
const demo = await database.exclusive(() =>
  ensureDemoTenant({
    ctx: { db: database.db, now: () => new Date() },
    input: { adminKey: config.adminApiKey, ...config.firstTenant },
  }),
);
const sealing = await database.exclusive(() =>
  resealWebhookSecrets({ ctx: { db: database.db, now: () => new Date() } }),
);
if (sealing.resealed > 0) {
  app.log.info(
    { resealed: sealing.resealed, keyId: keyring.currentId },
    'webhook secrets sealed with the current key',
  );
}
if (sealing.unreadable > 0) {
  app.log.error(
    { unreadable: sealing.unreadable },
    'webhook secrets sealed with a key missing from INFOVIEW_SECRET_KEYS: their deliveries fail until it is added back',
  );
}
if (demo.adminKeyRevoked) {
  app.log.warn(
    'INFOVIEW_ADMIN_API_KEY is revoked: it authenticates nothing. Set a new key (it is added at start) or unset it',
  );
}
if (demo.generatedAdminKey) {
  // Printed once, on purpose outside the JSON log (which redacts secrets): store it now.
  process.stdout.write(
    `\n  Tenant "${demo.name}" created (${demo.sandbox ? 'sandbox' : 'live'}).\n  Admin API key (shown once, stored hashed): ${demo.generatedAdminKey}\n\n`,
  );
}
if (!demo.created && demo.sandbox && !config.firstTenant.sandbox) {
  app.log.warn(
    { tenantId: demo.tenantId },
    'INFOVIEW_TENANT_MODE=live, but the first tenant was created as a sandbox earlier: create a live one with tenant:create',
  );
}
app.log.info(
  { driver: app.reminders.driver.name, workerInProcess: config.reminders.workerInProcess },
  config.redisUrl && !config.reminders.workerInProcess
    ? 'reminders: BullMQ — run `pnpm --filter @infoview/api worker` (or set INFOVIEW_WORKER_IN_PROCESS=true)'
    : `reminders: delivered by this process (${app.reminders.driver.name})`,
);

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
  await database.close();
});

try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  // Taken since the probe (or a failure the probe cannot see): still one line.
  const failure = listenFailure(config.host, config.port, error);
  if (!failure) throw error;
  await app.close();
  await database.close();
  cannotStart(failure);
}
const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
const port = (app.server.address() as { port: number } | null)?.port ?? config.port;
app.log.info(
  { database: database.driver, location: database.location },
  `Infoview API ready — docs at http://${shownHost}:${port}/docs, OpenAPI at http://${shownHost}:${port}/openapi.json`,
);
