import type { AddressInfo } from 'node:net';
import { createClient, type InfoviewClient } from '@infoview/sdk';
import { buildApp } from '../../../api/src/app.js';
import { loadConfig } from '../../../api/src/config.js';
import { openDatabase } from '../../../api/src/db/client.js';
import { migrateDatabase } from '../../../api/src/db/migrate.js';
import { insertApiKey } from '../../../api/src/services/api-keys/insert.js';
import { generateApiKey } from '../../../api/src/services/api-keys/secret.js';
import { createTenant } from '../../../api/src/services/tenants/create.js';

export interface ApiServer {
  baseUrl: string;
  close(): Promise<void>;
  /** A fresh sandbox tenant and its admin client. */
  tenant(name?: string): Promise<TestTenant>;
}

export interface TestTenant {
  tenantId: string;
  admin: InfoviewClient;
  /** A new student of this tenant and a credential the browser may hold for them. */
  student(name: string): Promise<{ id: string; externalId: string; secret: string }>;
}

/** The real API on loopback (port 0), on a fresh in-memory PGlite database. */
export async function startApiServer(): Promise<ApiServer> {
  const database = await openDatabase({});
  await migrateDatabase(database);
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), rateLimitMax: 100_000 };
  const app = await buildApp(config, { database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  let n = 0;
  return {
    baseUrl,
    close: async () => {
      await app.close();
      await database.close();
    },
    tenant: async (name = 'Test University') => {
      const db = database.db;
      const tenant = await createTenant({
        ctx: { db, now: () => new Date() },
        input: { name: `${name} ${++n}`, sandbox: true },
      });
      const secret = generateApiKey(false);
      await insertApiKey(db, new Date(), { tenantId: tenant.id, name: 'admin', secret, scope: 'admin' });
      const admin = createClient({ baseUrl, apiKey: secret, retries: 0 });
      return {
        tenantId: tenant.id,
        admin,
        student: async (studentName) => {
          const externalId = `s-${crypto.randomUUID()}`;
          const student = await admin.post('/students', {
            body: { externalId, name: studentName, timeZone: 'UTC' },
          });
          const key = await admin.post('/api-keys', {
            body: { name: `${studentName}'s browser`, scope: 'student', studentId: student.id },
          });
          return { id: student.id, externalId, secret: key.secret };
        },
      };
    },
  };
}
