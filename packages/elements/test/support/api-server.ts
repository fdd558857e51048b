import type { AddressInfo } from 'node:net';
import { createClient, type InfoviewClient } from '@infoview/sdk';
import { buildApp } from '../../../api/src/app.js';
import { loadConfig } from '../../../api/src/config.js';
import { openDatabase } from '../../../api/src/db/client.js';
import { migrateDatabase } from '../../../api/src/db/migrate.js';
import { insertApiKey } from '../../../api/src/services/api-keys/insert.js';
import { generateApiKey } from '../../../api/src/services/api-keys/secret.js';
import { createTenant } from '../../../api/src/services/tenants/create.js';
import { startPortalServer } from './portal-server.js';

export interface ApiServer {
  baseUrl: string;
  /** The portal's origin (another origin than the API's): every test tenant allows it. */
  portalOrigin: string;
  close(): Promise<void>;
  /** A fresh sandbox tenant and its admin client. */
  tenant(name?: string): Promise<TestTenant>;
}

export interface TestTenant {
  tenantId: string;
  admin: InfoviewClient;
  /** A new student of this tenant: an API key for the test's own calls, and browser sessions. */
  student(name: string): Promise<TestStudent>;
}

export interface TestStudent {
  id: string;
  externalId: string;
  /** A student API key: the test's side only, never the page's. */
  secret: string;
  /** What the portal's server does for `fetchClientSecret`: POST /sessions, the client secret. */
  session(options?: { ttlMinutes?: number }): Promise<string>;
  /** The ids of the sessions minted so far, oldest first. */
  sessions: string[];
}

/** Every component the page embeds. */
export const COMPONENTS = ['workspace', 'network', 'interview', 'tasks', 'feed'] as const;

/** The real API on loopback (port 0), on a fresh in-memory PGlite database. */
export async function startApiServer(): Promise<ApiServer> {
  const database = await openDatabase({});
  await migrateDatabase(database);
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), rateLimitMax: 100_000 };
  const app = await buildApp(config, { database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const portal = await startPortalServer();
  const portalOrigin = portal.origin;
  let n = 0;
  return {
    baseUrl,
    portalOrigin,
    close: async () => {
      await portal.close();
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
      await admin.get('/tenant');
      await admin.patch('/tenant', { body: { sessions: { allowedOrigins: [portalOrigin] } } });
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
          const sessions: string[] = [];
          return {
            id: student.id,
            externalId,
            secret: key.secret,
            sessions,
            session: async (options = {}) => {
              const created = await admin.post('/sessions', {
                body: { studentId: student.id, components: [...COMPONENTS], ...options },
              });
              sessions.push(created.id);
              return created.clientSecret;
            },
          };
        },
      };
    },
  };
}
