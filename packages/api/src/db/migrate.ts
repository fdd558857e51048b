import { fileURLToPath } from 'node:url';
import type { Database } from './client.js';

/** The committed SQL migrations (drizzle-kit generate), shipped beside the sources. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Applies every pending migration; throws when one fails (nothing of it is kept). */
export async function migrateDatabase(database: Database): Promise<void> {
  await database.exclusive(() => database.migrate(MIGRATIONS_FOLDER));
}
