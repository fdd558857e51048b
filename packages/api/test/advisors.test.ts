import { describe, expect, it } from 'vitest';
import { call, drivers, problemOf, randomUuid, useTestApp } from './helper.js';

describe.each(drivers)('advisors (%s)', (driver) => {
  const t = useTestApp(driver);

  it('admins create, list, read and assign students; assignment is idempotent', async () => {
    const tenant = await t.tenant();
    const created = await call(t.app, 'POST', '/advisors', {
      key: tenant.adminKey,
      body: { name: 'Grace', email: 'grace@u.example' },
    });
    expect(created.statusCode).toBe(201);
    const advisor = created.json();
    const read = await call(t.app, 'GET', `/advisors/${advisor.id}`, { key: tenant.adminKey });
    expect(read.json()).toMatchObject({ name: 'Grace', email: 'grace@u.example' });
    expect(read.headers.etag).toBe(`"${advisor.id}:1"`);
    expect((await call(t.app, 'GET', '/advisors', { key: tenant.adminKey })).json().data).toHaveLength(1);

    const s = (
      await call(t.app, 'POST', '/students', {
        key: tenant.adminKey,
        body: { externalId: 'a', name: 'A', timeZone: 'UTC' },
      })
    ).json();
    const path = `/advisors/${advisor.id}/students/${s.id}`;
    expect((await call(t.app, 'PUT', path, { key: tenant.adminKey })).statusCode).toBe(204);
    expect((await call(t.app, 'PUT', path, { key: tenant.adminKey })).statusCode).toBe(204);
    expect((await call(t.app, 'DELETE', path, { key: tenant.adminKey })).statusCode).toBe(204);
    const unknown = await call(t.app, 'PUT', `/advisors/${advisor.id}/students/${randomUuid()}`, {
      key: tenant.adminKey,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('is admin only (wrong role → 403)', async () => {
    const tenant = await t.tenant();
    const advisor = (
      await call(t.app, 'POST', '/advisors', { key: tenant.adminKey, body: { name: 'G' } })
    ).json();
    const advisorKey = await tenant.key('advisor', { advisorId: advisor.id });
    const integration = await tenant.key('integration');
    for (const key of [advisorKey, integration]) {
      const res = await call(t.app, 'POST', '/advisors', { key, body: { name: 'X' } });
      expect(res.statusCode).toBe(403);
      expect(problemOf(res).code).toBe('auth.forbidden');
      expect((await call(t.app, 'GET', '/advisors', { key })).statusCode).toBe(403);
    }
  });

  it("answers 404 for another tenant's advisor", async () => {
    const mine = await t.tenant();
    const theirs = await t.tenant();
    const advisor = (
      await call(t.app, 'POST', '/advisors', { key: theirs.adminKey, body: { name: 'T' } })
    ).json();
    const res = await call(t.app, 'GET', `/advisors/${advisor.id}`, { key: mine.adminKey });
    expect(res.statusCode).toBe(404);
    expect(problemOf(res).code).toBe('advisor.not_found');
    const s = (
      await call(t.app, 'POST', '/students', {
        key: mine.adminKey,
        body: { externalId: 'm', name: 'M', timeZone: 'UTC' },
      })
    ).json();
    expect(
      (await call(t.app, 'PUT', `/advisors/${advisor.id}/students/${s.id}`, { key: mine.adminKey }))
        .statusCode,
    ).toBe(404);
    expect((await call(t.app, 'GET', '/advisors', { key: mine.adminKey })).json().data).toEqual([]);
  });
});
