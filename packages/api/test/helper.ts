import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type InfoviewApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { parseSecretKeys } from '../src/crypto/secret-keyring.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import type { ApiKeyScope } from '../src/db/schema/api-keys.js';
import { insertApiKey } from '../src/services/api-keys/insert.js';
import { generateApiKey } from '../src/services/api-keys/secret.js';
import { createTenant } from '../src/services/tenants/create.js';

export type Driver = 'pglite' | 'postgres';

const databaseUrl = process.env.DATABASE_URL;

if (!databaseUrl) {
  if (process.env.CI) {
    throw new Error(
      'CI is set but DATABASE_URL is not: the PostgreSQL half of the API tests cannot be skipped in CI.',
    );
  }
  if (!(globalThis as { __ivWarned?: boolean }).__ivWarned) {
    (globalThis as { __ivWarned?: boolean }).__ivWarned = true;
    console.warn(
      `\n${'!'.repeat(78)}\n!!  DATABASE_URL is not set: API tests run on PGlite ONLY; PostgreSQL tests are SKIPPED.\n!!  Set DATABASE_URL=postgres://… (CI does) to run them against real PostgreSQL too.\n${'!'.repeat(78)}\n`,
    );
  }
}

/** Every suite runs once per driver: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const drivers: Driver[] = databaseUrl ? ['pglite', 'postgres'] : ['pglite'];

/** The suites' receivers listen on loopback; nothing else private is ever reached. */
export const TEST_ALLOW_PRIVATE_HOSTS = ['127.0.0.1', '::1', 'localhost'] as const;

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ LOG_LEVEL: 'silent' }),
    rateLimitMax: 100_000,
    rateLimitAuthFailuresMax: 100_000,
    webhookAllowPrivateHosts: [...TEST_ALLOW_PRIVATE_HOSTS],
    // setup.ts puts one test key in the environment, which spawned servers and workers inherit.
    secretKeys: parseSecretKeys(process.env.INFOVIEW_SECRET_KEYS ?? ''),
    ...overrides,
  };
}

/** A fresh, migrated database: in-memory PGlite, or a new PostgreSQL database dropped afterwards. */
export async function createTestDatabase(
  driver: Driver,
): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (driver === 'pglite') {
    const database = await openDatabase({});
    await migrateDatabase(database);
    return { database, drop: () => database.close() };
  }
  const name = `iv_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), maxConnections: 20 });
  await migrateDatabase(database);
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export interface TestTenant {
  tenantId: string;
  adminKey: string;
  /** Issues another key of this tenant directly through the service layer. */
  key(scope: ApiKeyScope, subject?: { studentId?: string; advisorId?: string }): Promise<string>;
}

export interface TestContext {
  app: InfoviewApp;
  database: Database;
  tenant(name?: string): Promise<TestTenant>;
}

/**
 * One app and one database per test file (per driver): built in beforeAll, closed in afterAll.
 * Tests make their own tenants, so they never see each other's data.
 */
export function useTestApp(driver: Driver, configOverrides: Partial<Config> = {}): TestContext {
  const context = {} as TestContext;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const created = await createTestDatabase(driver);
    drop = created.drop;
    context.database = created.database;
    context.app = await buildApp(testConfig(configOverrides), { database: created.database });
    await context.app.ready();
    context.tenant = async (name = 'Test University') => {
      const db = created.database.db;
      const now = new Date();
      const tenant = await createTenant({ ctx: { db, now: () => now }, input: { name, sandbox: false } });
      const key = async (scope: ApiKeyScope, subject: { studentId?: string; advisorId?: string } = {}) => {
        const secret = generateApiKey(false);
        await insertApiKey(db, new Date(), {
          tenantId: tenant.id,
          name: `${scope} key`,
          secret,
          scope,
          ...subject,
        });
        return secret;
      };
      return { tenantId: tenant.id, adminKey: await key('admin'), key };
    };
  });
  afterAll(async () => {
    await context.app?.close();
    await drop?.();
  });
  return context;
}

export interface CallOptions {
  key?: string | undefined;
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

/** `inject` with a bearer key and a JSON body; returns the response with `json()` typed loosely. */
export function call(
  app: InfoviewApp,
  method: InjectOptions['method'],
  url: string,
  options: CallOptions = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  return app.inject({
    method,
    url,
    headers,
    ...(options.query ? { query: options.query } : {}),
    ...(options.body === undefined ? {} : { payload: options.body as InjectOptions['payload'] }),
  });
}

/** Asserts nothing; returns the problem body after checking the content type. */
export function problemOf(response: LightMyRequestResponse): {
  status: number;
  code: string;
  detail: string;
  requestId: string;
  errors?: { path: string; message: string }[];
  [k: string]: unknown;
} {
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(
      `expected a problem, got ${response.statusCode} ${response.headers['content-type']}: ${response.body}`,
    );
  }
  return response.json();
}

export const randomUuid = () => crypto.randomUUID();

/** An operation of the app's OpenAPI document: its method (upper case), its path template and its object. */
export interface DocumentedOperation<Op> {
  method: string;
  path: string;
  op: Op;
}

/**
 * A valid value for each required query parameter of an operation (an enum's first value, `true`,
 * a number's minimum, else `x`), so a probe aimed at one field meets that field and not a missing one.
 */
export function requiredQueryOf(op: {
  parameters?: { in: string; name: string; required?: boolean; schema?: object }[];
}): Record<string, string> {
  const query: Record<string, string> = {};
  for (const p of op.parameters ?? []) {
    if (p.in !== 'query' || !p.required) continue;
    const schema = (p.schema ?? {}) as Record<string, unknown>;
    const options =
      (schema.enum as unknown[] | undefined) ??
      (schema.anyOf as { const?: unknown }[] | undefined)?.map((o) => o.const);
    query[p.name] =
      options?.[0] !== undefined
        ? String(options[0])
        : schema.type === 'boolean'
          ? 'true'
          : schema.type === 'integer' || schema.type === 'number'
            ? String(schema.minimum ?? 1)
            : 'x';
  }
  return query;
}

/** Every operation of the app's OpenAPI document, typed as far as the caller reads it. */
export function documentedOperations<Op>(app: InfoviewApp): DocumentedOperation<Op>[] {
  const doc = app.swagger() as unknown as { paths: Record<string, Record<string, Op>> };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}
