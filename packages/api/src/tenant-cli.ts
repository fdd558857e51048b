// `pnpm --filter @infoview/api tenant:create --name "Example University" [--sandbox]`:
// adds an institution with its first admin key (printed once) to DATABASE_URL or DATA_DIR's PGlite.
import { parseArgs } from 'node:util';
import { loadConfigForCli } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { StartupError } from './lib/startup-error.js';
import { createTenantWithAdminKey } from './services/tenants/create-with-admin-key.js';

async function main(): Promise<number> {
  let args: { name?: string | undefined; sandbox?: boolean | undefined };
  try {
    ({ values: args } = parseArgs({
      options: { name: { type: 'string' }, sandbox: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    console.error(
      `${(error as Error).message}\nusage: tenant:create --name "Example University" [--sandbox]`,
    );
    return 2;
  }
  const name = args.name?.trim();
  if (!name || name.length > 200) {
    console.error(
      'usage: tenant:create --name "Example University" [--sandbox]  (a name of 1–200 characters)',
    );
    return 2;
  }
  const config = loadConfigForCli();
  if (!config) return 2;
  let database: Database;
  try {
    // With PGlite this takes DATA_DIR's lock: against a running server's DATA_DIR it refuses
    // (a tenant written there would be lost), in one line.
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      maxConnections: 2,
      role: 'tenant:create',
    });
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    console.error(`tenant:create: ${error.message}`);
    return 1;
  }
  try {
    await migrateDatabase(database);
    const { tenant, adminKey } = await createTenantWithAdminKey({
      ctx: { db: database.db, now: () => new Date() },
      input: { name, sandbox: Boolean(args.sandbox) },
    });
    process.stdout.write(
      `Tenant "${tenant.name}" created (${tenant.sandbox ? 'sandbox' : 'live'}), id ${tenant.id}.\n` +
        `Admin API key (shown once, stored hashed): ${adminKey}\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
