// The real Infoview API, listening on a loopback port, for the SDK's contract tests: the same
// buildApp as production over an in-memory, migrated PGlite. One per test file.
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../api/src/app.js';
import { loadConfig } from '../../api/src/config.js';
import { openDatabase } from '../../api/src/db/client.js';
import { migrateDatabase } from '../../api/src/db/migrate.js';
import { insertApiKey } from '../../api/src/services/api-keys/insert.js';
import { generateApiKey } from '../../api/src/services/api-keys/secret.js';
import { createTenant } from '../../api/src/services/tenants/create.js';

export interface TestServer {
  baseUrl: string;
  /** A new tenant and the secret of an admin key of it: tests never share data. */
  tenant(): Promise<{ tenantId: string; adminKey: string }>;
}

export function useTestServer(): TestServer {
  const server = {} as TestServer;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const database = await openDatabase({});
    await migrateDatabase(database);
    const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), rateLimitMax: 100_000 };
    const app = await buildApp(config, { database });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    server.baseUrl = `http://127.0.0.1:${port}`;
    server.tenant = async () => {
      const now = new Date();
      const tenant = await createTenant({
        ctx: { db: database.db, now: () => now },
        input: { name: 'SDK University' },
      });
      const adminKey = generateApiKey(false);
      await insertApiKey(database.db, now, {
        tenantId: tenant.id,
        name: 'admin key',
        secret: adminKey,
        scope: 'admin',
      });
      return { tenantId: tenant.id, adminKey };
    };
    close = async () => {
      await app.close();
      await database.close();
    };
  });
  afterAll(async () => {
    await close?.();
  });
  return server;
}
