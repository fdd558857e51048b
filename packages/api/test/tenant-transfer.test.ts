import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type InfoviewApp } from '../src/app.js';
import { importTenant } from '../src/services/tenant-transfer/import-tenant.js';
import { call, createTestDatabase, drivers, problemOf, testConfig, useTestApp } from './helper.js';
import { richStudent } from './student-data-fixture.js';

const linesOf = (body: string) => body.split('\n').filter(Boolean);
/** The export without what differs by installation on purpose: the header's instant. */
const comparable = (body: string) => {
  const [header, ...rows] = linesOf(body);
  return { header: { ...JSON.parse(header!), exportedAt: null }, rows };
};

describe.each(drivers)('tenant export and import (%s)', (driver) => {
  const t = useTestApp(driver);
  // The other installation: its own database and app.
  let other: {
    app: InfoviewApp;
    drop: () => Promise<void>;
    db: Awaited<ReturnType<typeof createTestDatabase>>['database'];
  };
  beforeAll(async () => {
    const created = await createTestDatabase(driver);
    const app = await buildApp(testConfig(), { database: created.database });
    await app.ready();
    other = { app, drop: created.drop, db: created.database };
  });
  afterAll(async () => {
    await other?.app.close();
    await other?.drop();
  });

  it('round-trips: the export of the imported tenant equals the original, ids kept, no secret in clear', async () => {
    const tenant = await t.tenant('Round Trip University');
    const a = await richStudent(t, tenant);
    await richStudent(t, tenant);
    const hook = await call(t.app, 'POST', '/webhooks', {
      key: tenant.adminKey,
      body: { url: 'https://hooks.example.com/iv' },
    });
    expect(hook.statusCode, hook.body).toBe(201);
    const secret = hook.json().secret as string;

    const asStudent = await call(t.app, 'GET', '/tenant/export', { key: a.key });
    expect(problemOf(asStudent).code).toBe('auth.forbidden');
    const exported = await call(t.app, 'GET', '/tenant/export', { key: tenant.adminKey });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const body = exported.body;
    expect(body).not.toContain(secret);
    expect(body).not.toContain(tenant.adminKey);
    expect(body).not.toContain(tenant.tenantId);
    const tables = new Set(
      linesOf(body)
        .slice(1)
        .map((l) => JSON.parse(l).table),
    );
    for (const name of [
      'students',
      'contacts',
      'interviews',
      'interview_events',
      'notes',
      'tasks',
      'reminders',
      'webhook_endpoints',
    ]) {
      expect(tables, name).toContain(name);
    }

    const lines = createInterface({ input: Readable.from([body]), crlfDelay: Number.POSITIVE_INFINITY });
    const imported = await importTenant({
      ctx: { db: other.db.db, now: () => new Date() },
      input: { lines },
    });
    expect(imported.counts.students).toBe(2);
    const { insertApiKey } = await import('../src/services/api-keys/insert.js');
    const { generateApiKey } = await import('../src/services/api-keys/secret.js');
    const key = generateApiKey(false);
    await insertApiKey(other.db.db, new Date(), {
      tenantId: imported.tenantId,
      name: 'admin',
      secret: key,
      scope: 'admin',
    });

    const again = await call(other.app, 'GET', '/tenant/export', { key });
    expect(comparable(again.body)).toEqual(comparable(body));
    // Ids are kept: the student reads under the same id, with the same record.
    const before = await call(t.app, 'GET', `/students/${a.studentId}/export`, { key: tenant.adminKey });
    const after = await call(other.app, 'GET', `/students/${a.studentId}/export`, { key });
    expect({ ...after.json(), exportedAt: null }).toEqual({ ...before.json(), exportedAt: null });
    // The webhook endpoint came with a new secret, not the old one.
    const hooks = await call(other.app, 'GET', '/webhooks', { key });
    expect(hooks.json().data).toHaveLength(1);

    // The same export again: its ids are taken, so nothing is written.
    const twice = createInterface({ input: Readable.from([body]), crlfDelay: Number.POSITIVE_INFINITY });
    await expect(
      importTenant({ ctx: { db: other.db.db, now: () => new Date() }, input: { lines: twice } }),
    ).rejects.toThrow();
  }, 120_000);
});
