import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../src/db/schema/idempotency-keys.js';
import { insertApiKey } from '../src/services/api-keys/insert.js';
import { generateApiKey } from '../src/services/api-keys/secret.js';
import { createTenant } from '../src/services/tenants/create.js';
import { call, drivers, problemOf, useTestApp } from './helper.js';

describe.each(drivers)('Idempotency-Key and secrets (%s)', (driver) => {
  const t = useTestApp(driver);

  const storedFor = async (tenantId: string, key: string) => {
    const rows = await t.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    return rows.filter((r) => r.tenantId === tenantId);
  };

  /** The first response shows the secret; the record never holds it; a replay says it was shown. */
  async function expectShownOnce(
    tenantId: string,
    adminKey: string,
    url: string,
    body: unknown,
    idempotencyKey: string,
  ) {
    const headers = { 'idempotency-key': idempotencyKey };
    const first = await call(t.app, 'POST', url, { key: adminKey, body, headers });
    expect(first.statusCode).toBeLessThan(300);
    const secret = first.json().secret as string;
    expect(secret.length).toBeGreaterThan(20);

    const [record] = await storedFor(tenantId, idempotencyKey);
    expect(record!.secretWithheld).toBe(true);
    expect(record!.responseBody).not.toContain(secret);
    expect(JSON.stringify(record)).not.toContain(secret);

    const replay = await call(t.app, 'POST', url, { key: adminKey, body, headers });
    expect(replay.statusCode).toBe(409);
    expect(replay.body).not.toContain(secret);
    expect(replay.headers['cache-control']).toBe('no-store');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const problem = problemOf(replay);
    expect(problem.code).toBe('idempotency.secret_already_shown');
    expect(problem.originalStatus).toBe(first.statusCode);
    expect(problem.resource).toMatchObject({ id: first.json().id });
    expect(problem.resource).not.toHaveProperty('secret');
    if (first.headers.location) expect(replay.headers.location).toBe(first.headers.location);
    return first.json();
  }

  it('POST /api-keys: the key is shown once, never stored for replays', async () => {
    const { tenantId, adminKey } = await t.tenant();
    await expectShownOnce(tenantId, adminKey, '/api-keys', { name: 'portal', scope: 'integration' }, 'k-api');
  });

  it('POST /webhooks and rotate-secret: the signing secret is shown once', async () => {
    const { tenantId, adminKey } = await t.tenant();
    const endpoint = await expectShownOnce(
      tenantId,
      adminKey,
      '/webhooks',
      { url: 'https://hooks.example.org/in' },
      'k-hook',
    );
    await expectShownOnce(tenantId, adminKey, `/webhooks/${endpoint.id}/rotate-secret`, undefined, 'k-rot');
  });

  it('every replay carries Cache-Control: no-store; a response without a secret replays whole', async () => {
    const { adminKey } = await t.tenant();
    const headers = { 'idempotency-key': 'k-student' };
    const body = { externalId: 'sec-1', name: 'S', timeZone: 'UTC' };
    const first = await call(t.app, 'POST', '/students', { key: adminKey, body, headers });
    const replay = await call(t.app, 'POST', '/students', { key: adminKey, body, headers });
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    expect(replay.headers['cache-control']).toBe('no-store');
  });

  it('the same body with its keys in another order is a replay, not a 422', async () => {
    const { adminKey } = await t.tenant();
    const headers = { 'idempotency-key': 'k-order' };
    const first = await call(t.app, 'POST', '/students', {
      key: adminKey,
      body: { externalId: 'ord-1', name: 'O', timeZone: 'UTC' },
      headers,
    });
    const reordered = await call(t.app, 'POST', '/students', {
      key: adminKey,
      body: { timeZone: 'UTC', name: 'O', externalId: 'ord-1' },
      headers,
    });
    expect(reordered.statusCode).toBe(201);
    expect(reordered.headers['idempotent-replayed']).toBe('true');
    expect(reordered.json()).toEqual(first.json());
  });

  it('a sandbox test clock moves no bookkeeping time: key expiry and revocation use real time', async () => {
    const db = t.database.db;
    const tenant = await createTenant({
      ctx: { db, now: () => new Date() },
      input: { name: 'Sandbox U', sandbox: true },
    });
    const adminKey = generateApiKey(true);
    await insertApiKey(db, new Date(), {
      tenantId: tenant.id,
      name: 'admin',
      secret: adminKey,
      scope: 'admin',
    });
    const clock = await call(t.app, 'POST', '/test-clock', {
      key: adminKey,
      body: { at: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    });
    expect(clock.statusCode).toBe(200);

    const headers = { 'idempotency-key': 'k-sandbox' };
    const body = { externalId: 'sb-1', name: 'S', timeZone: 'UTC' };
    const before = Date.now();
    expect((await call(t.app, 'POST', '/students', { key: adminKey, body, headers })).statusCode).toBe(201);
    const [record] = await storedFor(tenant.id, 'k-sandbox');
    const ttl = record!.expiresAt.getTime() - before;
    expect(ttl).toBeGreaterThanOrEqual(24 * 3_600_000 - 1000);
    expect(ttl).toBeLessThan(25 * 3_600_000);

    // Two simulated days later the key still protects the request: a replay, not a second student.
    await call(t.app, 'POST', '/test-clock/advance', { key: adminKey, body: { by: 'P2D' } });
    const again = await call(t.app, 'POST', '/students', { key: adminKey, body, headers });
    expect(again.headers['idempotent-replayed']).toBe('true');

    const other = await call(t.app, 'POST', '/api-keys', {
      key: adminKey,
      body: { name: 'x', scope: 'admin' },
    });
    const revoked = await call(t.app, 'DELETE', `/api-keys/${other.json().id}`, { key: adminKey });
    expect(revoked.statusCode).toBe(204);
    const listed = await call(t.app, 'GET', '/api-keys', { key: adminKey });
    const row = listed.json().data.find((k: { id: string }) => k.id === other.json().id);
    expect(Math.abs(new Date(row.revokedAt).getTime() - Date.now())).toBeLessThan(60_000);
  });
});
