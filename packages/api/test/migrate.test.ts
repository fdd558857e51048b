import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
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
});
