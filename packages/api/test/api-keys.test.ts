import { describe, expect, it } from 'vitest';
import { call, drivers, problemOf, useTestApp } from './helper.js';

describe.each(drivers)('api keys and tenant (%s)', (driver) => {
  const t = useTestApp(driver);

  it('issues a key once (secret only in the create response), lists it, revokes it', async () => {
    const tenant = await t.tenant();
    const created = await call(t.app, 'POST', '/api-keys', {
      key: tenant.adminKey,
      body: { name: 'portal', scope: 'integration' },
    });
    expect(created.statusCode).toBe(201);
    const key = created.json();
    expect(key.secret).toMatch(/^iv_live_[A-Za-z0-9_-]{40}$/);
    expect(key.prefix).toBe(key.secret.slice(0, 16));

    const listed = (await call(t.app, 'GET', '/api-keys', { key: tenant.adminKey })).json();
    const found = listed.data.find((k: { id: string }) => k.id === key.id);
    expect(found).toMatchObject({ prefix: key.prefix, scope: 'integration', revokedAt: null });
    expect(found).not.toHaveProperty('secret');
    expect(JSON.stringify(listed)).not.toContain(key.secret);

    expect((await call(t.app, 'GET', '/tenant', { key: key.secret })).statusCode).toBe(200);
    expect((await call(t.app, 'DELETE', `/api-keys/${key.id}`, { key: tenant.adminKey })).statusCode).toBe(
      204,
    );
    const revoked = await call(t.app, 'GET', '/tenant', { key: key.secret });
    expect(revoked.statusCode).toBe(401);
    expect(problemOf(revoked).code).toBe('auth.invalid_credentials');
  });

  it('needs a subject for student and advisor keys', async () => {
    const tenant = await t.tenant();
    const res = await call(t.app, 'POST', '/api-keys', {
      key: tenant.adminKey,
      body: { name: 's', scope: 'student' },
    });
    expect(res.statusCode).toBe(422);
    expect(problemOf(res)).toMatchObject({
      code: 'api_key.subject_required',
      errors: [{ path: '/body/studentId' }],
    });
  });

  it('is admin only (wrong role → 403)', async () => {
    const tenant = await t.tenant();
    const integration = await tenant.key('integration');
    const res = await call(t.app, 'POST', '/api-keys', {
      key: integration,
      body: { name: 'x', scope: 'admin' },
    });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).code).toBe('auth.forbidden');
    expect((await call(t.app, 'GET', '/api-keys', { key: integration })).statusCode).toBe(403);
  });

  it("answers 404 for another tenant's key and student", async () => {
    const mine = await t.tenant();
    const theirs = await t.tenant();
    const key = (
      await call(t.app, 'POST', '/api-keys', { key: theirs.adminKey, body: { name: 'x', scope: 'admin' } })
    ).json();
    const res = await call(t.app, 'DELETE', `/api-keys/${key.id}`, { key: mine.adminKey });
    expect(res.statusCode).toBe(404);
    expect(problemOf(res).code).toBe('api_key.not_found');
    expect((await call(t.app, 'GET', '/tenant', { key: key.secret })).statusCode).toBe(200);

    const s = (
      await call(t.app, 'POST', '/students', {
        key: theirs.adminKey,
        body: { externalId: 't', name: 'T', timeZone: 'UTC' },
      })
    ).json();
    const forStudent = await call(t.app, 'POST', '/api-keys', {
      key: mine.adminKey,
      body: { name: 'x', scope: 'student', studentId: s.id },
    });
    expect(forStudent.statusCode).toBe(404);
  });

  it('GET /tenant is the caller’s own tenant, with an ETag', async () => {
    const tenant = await t.tenant('Own University');
    const res = await call(t.app, 'GET', '/tenant', { key: tenant.adminKey });
    expect(res.json()).toMatchObject({ id: tenant.tenantId, name: 'Own University', sandbox: false });
    expect(res.headers.etag).toBe(`"${tenant.tenantId}:1"`);
  });
});
