import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { tenants } from '../src/db/schema/tenants.js';
import { authenticateApiKey } from '../src/services/api-keys/authenticate.js';
import { ensureDemoTenant } from '../src/services/tenants/ensure-demo.js';

const run = promisify(execFile);
const packageDir = path.resolve(import.meta.dirname, '..');
const tsx = path.join(packageDir, 'node_modules/.bin/tsx');

describe('migrations and first start', () => {
  it('db:migrate applies the migrations to PGlite under DATA_DIR, and is re-runnable', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'iv-migrate-'));
    try {
      const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
      const first = await run(tsx, ['src/db/migrate-cli.ts'], { cwd: packageDir, env });
      expect(first.stdout).toMatch(/Migrations applied to pglite/);
      await run(tsx, ['src/db/migrate-cli.ts'], { cwd: packageDir, env });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('tenant:create adds a live tenant with an admin key printed once, and refuses a missing name', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'iv-tenant-'));
    try {
      const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
      const { stdout } = await run(tsx, ['src/tenant-cli.ts', '--name', 'Example University'], {
        cwd: packageDir,
        env,
      });
      expect(stdout).toMatch(/Tenant "Example University" created \(live\)/);
      const key = /Admin API key \(shown once, stored hashed\): (iv_live_\S+)/.exec(stdout)?.[1];
      expect(key).toBeDefined();
      await expect(run(tsx, ['src/tenant-cli.ts'], { cwd: packageDir, env })).rejects.toMatchObject({
        code: 2,
      });
      const database = await openDatabase({ dataDir });
      try {
        const auth = await authenticateApiKey({
          ctx: { db: database.db, now: () => new Date() },
          input: { secret: key! },
        });
        expect(auth).toMatchObject({ actor: { role: 'admin' } });
      } finally {
        await database.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('db:migrate exits non-zero when it cannot migrate', async () => {
    const env = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    await expect(run(tsx, ['src/db/migrate-cli.ts'], { cwd: packageDir, env })).rejects.toMatchObject({
      code: 1,
    });
  });

  it('a bad variable stops with a message naming it', async () => {
    const env = { ...process.env, PORT: 'eighty' };
    await expect(run(tsx, ['src/db/migrate-cli.ts'], { cwd: packageDir, env })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('PORT'),
    });
  });

  it('first start creates the sandbox demo tenant with an admin key once; INFOVIEW_ADMIN_API_KEY is honoured', async () => {
    const database = await openDatabase({});
    try {
      await migrateDatabase(database);
      const ctx = { db: database.db, now: () => new Date() };
      const first = await ensureDemoTenant({ ctx, input: {} });
      expect(first.created).toBe(true);
      expect(first.generatedAdminKey).toMatch(/^iv_test_/);
      const again = await ensureDemoTenant({ ctx, input: {} });
      expect(again).toMatchObject({ created: false, generatedAdminKey: null, tenantId: first.tenantId });

      const operatorKey = 'iv_live_operator-chosen-key-0123456789';
      await ensureDemoTenant({ ctx, input: { adminKey: operatorKey } });
      const auth = await authenticateApiKey({ ctx, input: { secret: operatorKey } });
      expect(auth).toMatchObject({ tenantId: first.tenantId, actor: { role: 'admin' } });
    } finally {
      await database.close();
    }
  });

  it('a deployment asks for a live first tenant with its own name; its generated key is iv_live_', async () => {
    const database = await openDatabase({});
    try {
      await migrateDatabase(database);
      const ctx = { db: database.db, now: () => new Date() };
      const first = await ensureDemoTenant({ ctx, input: { name: 'Example University', sandbox: false } });
      expect(first).toMatchObject({ created: true, name: 'Example University', sandbox: false });
      expect(first.generatedAdminKey).toMatch(/^iv_live_/);
      const [row] = await database.db.select().from(tenants);
      expect(row).toMatchObject({ name: 'Example University', sandbox: false });
      // Later starts report the tenant as it is, whatever the mode asked for now.
      const again = await ensureDemoTenant({ ctx, input: { sandbox: true } });
      expect(again).toMatchObject({ created: false, sandbox: false, name: 'Example University' });
    } finally {
      await database.close();
    }
  });
});

describe.runIf(process.env.DATABASE_URL)('several processes starting together on PostgreSQL', () => {
  it('migrate and seed one after another under the start-up lock: one tenant, no failure', async () => {
    const admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `iv_test_${randomBytes(6).toString('hex')}`;
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    // Four "replicas", each with its own small pool, as separate API processes would have.
    const replicas = await Promise.all(
      [0, 1, 2, 3].map(() => openDatabase({ databaseUrl: url.toString(), maxConnections: 2 })),
    );
    try {
      const adminKey = 'iv_live_operator-chosen-key-race-0123456789';
      const results = await Promise.all(
        replicas.map(async (database) => {
          await migrateDatabase(database);
          return database.exclusive(() =>
            ensureDemoTenant({ ctx: { db: database.db, now: () => new Date() }, input: { adminKey } }),
          );
        }),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.tenantId)).size).toBe(1);
      expect(await replicas[0]!.db.select({ id: tenants.id }).from(tenants)).toHaveLength(1);
    } finally {
      await Promise.all(replicas.map((d) => d.close()));
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
