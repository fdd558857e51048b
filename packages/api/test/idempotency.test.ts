import { describe, expect, it } from 'vitest';
import { purgeExpiredIdempotencyKeys } from '../src/services/idempotency/purge.js';
import { call, drivers, problemOf, useTestApp } from './helper.js';

describe.each(drivers)('Idempotency-Key (%s)', (driver) => {
  const t = useTestApp(driver);

  it('replays the stored response for the same key and body', async () => {
    const { adminKey } = await t.tenant();
    const body = { externalId: 'idem-1', name: 'I', timeZone: 'UTC' };
    const headers = { 'idempotency-key': 'create-idem-1' };
    const first = await call(t.app, 'POST', '/students', { key: adminKey, body, headers });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const second = await call(t.app, 'POST', '/students', { key: adminKey, body, headers });
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(second.headers.location).toBe(first.headers.location);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(
      (await call(t.app, 'GET', '/students?externalId=idem-1', { key: adminKey })).json().data,
    ).toHaveLength(1);
  });

  it('refuses the same key with a different body (422)', async () => {
    const { adminKey } = await t.tenant();
    const headers = { 'idempotency-key': 'k-422' };
    await call(t.app, 'POST', '/students', {
      key: adminKey,
      body: { externalId: 'a', name: 'A', timeZone: 'UTC' },
      headers,
    });
    const other = await call(t.app, 'POST', '/students', {
      key: adminKey,
      body: { externalId: 'b', name: 'B', timeZone: 'UTC' },
      headers,
    });
    expect(other.statusCode).toBe(422);
    expect(problemOf(other).code).toBe('idempotency.key_reused');
  });

  it('keys are per tenant', async () => {
    const a = await t.tenant();
    const b = await t.tenant();
    const headers = { 'idempotency-key': 'shared-key' };
    const body = { externalId: 'same', name: 'S', timeZone: 'UTC' };
    const first = await call(t.app, 'POST', '/students', { key: a.adminKey, body, headers });
    const second = await call(t.app, 'POST', '/students', { key: b.adminKey, body, headers });
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.json().id).not.toBe(first.json().id);
  });

  it('the same key sent 10 times at once creates one record; the rest replay or see 409', async () => {
    const { adminKey } = await t.tenant();
    const body = { externalId: 'concurrent', name: 'C', timeZone: 'UTC' };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(t.app, 'POST', '/students', { key: adminKey, body, headers: { 'idempotency-key': 'burst' } }),
      ),
    );
    const created = responses.filter((r) => r.statusCode === 201 && !r.headers['idempotent-replayed']);
    expect(created).toHaveLength(1);
    for (const r of responses) {
      if (r.statusCode === 201) expect(r.json().id).toBe(created[0]!.json().id);
      else {
        expect(r.statusCode).toBe(409);
        expect(problemOf(r).code).toBe('idempotency.in_progress');
      }
    }
    expect(
      (await call(t.app, 'GET', '/students?externalId=concurrent', { key: adminKey })).json().data,
    ).toHaveLength(1);
  });

  it('stores client errors too, and validates the header', async () => {
    const { adminKey } = await t.tenant();
    const headers = { 'idempotency-key': 'bad-zone' };
    const body = { externalId: 'z', name: 'Z', timeZone: 'Nowhere/Town' };
    const first = await call(t.app, 'POST', '/students', { key: adminKey, body, headers });
    expect(first.statusCode).toBe(400);
    const again = await call(t.app, 'POST', '/students', { key: adminKey, body, headers });
    expect(again.statusCode).toBe(400);
    expect(again.headers['idempotent-replayed']).toBe('true');

    const tooLong = await call(t.app, 'POST', '/students', {
      key: adminKey,
      body: { externalId: 'y', name: 'Y', timeZone: 'UTC' },
      headers: { 'idempotency-key': 'x'.repeat(300) },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(problemOf(tooLong).errors?.[0]?.path).toBe('/headers/idempotency-key');
  });

  it('another key of the same tenant cannot replay (or see) a response it did not cause', async () => {
    const tenant = await t.tenant();
    const integration = await tenant.key('integration');
    const body = { externalId: 'mine', name: 'M', timeZone: 'UTC' };
    const headers = { 'idempotency-key': 'per-client' };
    expect((await call(t.app, 'POST', '/students', { key: tenant.adminKey, body, headers })).statusCode).toBe(
      201,
    );
    const other = await call(t.app, 'POST', '/students', { key: integration, body, headers });
    expect(other.statusCode).toBe(422);
    expect(other.body).not.toContain('"externalId"');
  });

  it('expired keys are purged and can be used again', async () => {
    const { adminKey } = await t.tenant();
    const headers = { 'idempotency-key': 'old-key' };
    await call(t.app, 'POST', '/students', {
      key: adminKey,
      body: { externalId: 'old', name: 'O', timeZone: 'UTC' },
      headers,
    });
    const inADay = new Date(Date.now() + 24 * 3_600_000 + 60_000);
    const purged = await purgeExpiredIdempotencyKeys({ ctx: { db: t.database.db, now: () => inADay } });
    expect(purged).toBeGreaterThanOrEqual(1);
    const reused = await call(t.app, 'POST', '/students', {
      key: adminKey,
      body: { externalId: 'new', name: 'N', timeZone: 'UTC' },
      headers,
    });
    expect(reused.statusCode).toBe(201);
  });
});
