// `pnpm db:migrate`: apply the committed migrations to DATABASE_URL (or the PGlite under DATA_DIR).
import { loadConfigForCli } from '../config.js';
import { StartupError } from '../lib/startup-error.js';
import { type Database, openDatabase } from './client.js';
import { migrateDatabase } from './migrate.js';

async function main(): Promise<number> {
  const config = loadConfigForCli();
  if (!config) return 2;
  let database: Database;
  try {
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      // Two: one session holds the start-up lock while the other migrates.
      maxConnections: 2,
      role: 'db:migrate',
    });
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    console.error(`db:migrate: ${error.message}`);
    return 1;
  }
  try {
    await migrateDatabase(database);
    console.log(`Migrations applied to ${database.driver} at ${database.location}`);
    return 0;
  } catch (error) {
    console.error('Migration failed:', error);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
