// `pnpm --filter @infoview/api tenant:import --file tenant.ndjson [--name "New name"]`: reads a
// tenant export (GET /tenant/export on the old installation) into a new tenant of DATABASE_URL or
// DATA_DIR's PGlite, and prints its first admin key once (keys are never exported).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfigForCli } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { StartupError } from './lib/startup-error.js';
import { insertApiKey } from './services/api-keys/insert.js';
import { generateApiKey } from './services/api-keys/secret.js';
import { importTenant, TenantImportError } from './services/tenant-transfer/import-tenant.js';

const USAGE = 'usage: tenant:import --file tenant.ndjson [--name "New name"]';

async function main(): Promise<number> {
  let args: { file?: string | undefined; name?: string | undefined };
  try {
    ({ values: args } = parseArgs({ options: { file: { type: 'string' }, name: { type: 'string' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!args.file) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfigForCli();
  if (!config) return 2;
  let database: Database;
  try {
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      maxConnections: 2,
      role: 'tenant:import',
    });
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    console.error(`tenant:import: ${error.message}`);
    return 1;
  }
  try {
    await migrateDatabase(database);
    // Line by line: the file is never held in memory whole.
    const lines = createInterface({
      input: createReadStream(args.file),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    const ctx = { db: database.db, now: () => new Date() };
    const { tenantId, sandbox, counts } = await importTenant({
      ctx,
      input: { lines, name: args.name?.trim() || undefined },
    });
    const adminKey = generateApiKey(sandbox);
    await insertApiKey(database.db, new Date(), {
      tenantId,
      name: 'admin (import)',
      secret: adminKey,
      scope: 'admin',
    });
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `Tenant imported, id ${tenantId}: ${total} rows.\nAdmin API key (shown once, stored hashed): ${adminKey}\n` +
        'Webhook endpoints have new signing secrets: rotate each (POST /webhooks/{id}/rotate-secret) to read it.\n',
    );
    return 0;
  } catch (error) {
    if (error instanceof TenantImportError || (error as { code?: string }).code === 'ENOENT') {
      console.error(`tenant:import: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
