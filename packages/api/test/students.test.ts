import { describe, expect, it } from 'vitest';
import { call, drivers, problemOf, randomUuid, useTestApp } from './helper.js';

const student = (externalId: string, extra: Record<string, unknown> = {}) => ({
  externalId,
  name: 'Ada Student',
  email: 'ada@example.edu',
  timeZone: 'America/New_York',
  profile: { firstName: 'Ada', school: 'Demo University', graduationYear: 2027 },
  ...extra,
});

describe.each(drivers)('students (%s)', (driver) => {
  const t = useTestApp(driver);

  it('creates, reads with an ETag, lists and filters', async () => {
    const { adminKey } = await t.tenant();
    const created = await call(t.app, 'POST', '/students', { key: adminKey, body: student('s-1') });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ externalId: 's-1', timeZone: 'America/New_York', version: 1 });
    expect(created.headers.location).toBe(`/students/${body.id}`);
    expect(body).not.toHaveProperty('tenantId');

    const read = await call(t.app, 'GET', `/students/${body.id}`, { key: adminKey });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe(`"${body.id}:1"`);
    const notModified = await call(t.app, 'GET', `/students/${body.id}`, {
      key: adminKey,
      headers: { 'if-none-match': read.headers.etag as string },
    });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');

    await call(t.app, 'POST', '/students', { key: adminKey, body: student('s-2') });
    const filtered = await call(t.app, 'GET', '/students?externalId=s-2', { key: adminKey });
    expect(filtered.json().data.map((s: { externalId: string }) => s.externalId)).toEqual(['s-2']);
  });

  it('refuses a duplicate externalId and an unknown time zone', async () => {
    const { adminKey } = await t.tenant();
    await call(t.app, 'POST', '/students', { key: adminKey, body: student('dup') });
    const again = await call(t.app, 'POST', '/students', { key: adminKey, body: student('dup') });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).code).toBe('student.external_id_taken');

    const badZone = await call(t.app, 'POST', '/students', {
      key: adminKey,
      body: student('z', { timeZone: 'Mars/Olympus' }),
    });
    expect(badZone.statusCode).toBe(400);
    expect(problemOf(badZone)).toMatchObject({
      code: 'student.time_zone_invalid',
      errors: [{ path: '/body/timeZone' }],
    });
  });

  it('pages with a keyset cursor', async () => {
    const { adminKey } = await t.tenant();
    for (let i = 0; i < 5; i++)
      await call(t.app, 'POST', '/students', { key: adminKey, body: student(`p-${i}`) });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { limit: '2', ...(cursor ? { cursor } : {}) };
      const page = await call(t.app, 'GET', '/students', { key: adminKey, query });
      expect(page.statusCode).toBe(200);
      const body = page.json();
      expect(body.data.length).toBeLessThanOrEqual(2);
      seen.push(...body.data.map((s: { externalId: string }) => s.externalId));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['p-0', 'p-1', 'p-2', 'p-3', 'p-4']);

    const bad = await call(t.app, 'GET', '/students', { key: adminKey, query: { cursor: 'not-a-cursor' } });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).code).toBe('request.invalid_cursor');
  });

  it('PATCH needs If-Match: 428 without, 412 when stale, 200 with the current ETag', async () => {
    const { adminKey } = await t.tenant();
    const created = (await call(t.app, 'POST', '/students', { key: adminKey, body: student('etag') })).json();
    const url = `/students/${created.id}`;

    const missing = await call(t.app, 'PATCH', url, { key: adminKey, body: { name: 'New' } });
    expect(missing.statusCode).toBe(428);
    expect(problemOf(missing).code).toBe('precondition.required');

    const ok = await call(t.app, 'PATCH', url, {
      key: adminKey,
      body: { name: 'New' },
      headers: { 'if-match': `"${created.id}:1"` },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'New', version: 2 });
    expect(ok.headers.etag).toBe(`"${created.id}:2"`);

    const stale = await call(t.app, 'PATCH', url, {
      key: adminKey,
      body: { name: 'Lost' },
      headers: { 'if-match': `"${created.id}:1"` },
    });
    expect(stale.statusCode).toBe(412);
    expect(problemOf(stale).code).toBe('precondition.failed');

    const otherTag = await call(t.app, 'PATCH', url, {
      key: adminKey,
      body: { name: 'Lost' },
      headers: { 'if-match': `"${randomUuid()}:2"` },
    });
    expect(otherTag.statusCode).toBe(412);

    const current = (await call(t.app, 'GET', url, { key: adminKey })).json();
    expect(current.name).toBe('New');
  });

  it('concurrent PATCHes with one ETag: exactly one wins, the rest are 412', async () => {
    const { adminKey } = await t.tenant();
    const created = (await call(t.app, 'POST', '/students', { key: adminKey, body: student('race') })).json();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(t.app, 'PATCH', `/students/${created.id}`, {
          key: adminKey,
          body: { name: `Writer ${i}` },
          headers: { 'if-match': `"${created.id}:1"` },
        }),
      ),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(7);
  });

  it("answers 404 for another tenant's student, never 403 and never data", async () => {
    const mine = await t.tenant('Mine');
    const theirs = await t.tenant('Theirs');
    const other = (
      await call(t.app, 'POST', '/students', { key: theirs.adminKey, body: student('x') })
    ).json();

    const get = await call(t.app, 'GET', `/students/${other.id}`, { key: mine.adminKey });
    expect(get.statusCode).toBe(404);
    expect(problemOf(get).code).toBe('student.not_found');
    const patch = await call(t.app, 'PATCH', `/students/${other.id}`, {
      key: mine.adminKey,
      body: { name: 'Hijack' },
      headers: { 'if-match': `"${other.id}:1"` },
    });
    expect(patch.statusCode).toBe(404);
    const list = await call(t.app, 'GET', '/students?externalId=x', { key: mine.adminKey });
    expect(list.json().data).toEqual([]);
  });

  it('scopes by role: students see themselves, advisors their cohort, students may not create', async () => {
    const tenant = await t.tenant();
    const a = (await call(t.app, 'POST', '/students', { key: tenant.adminKey, body: student('a') })).json();
    const b = (await call(t.app, 'POST', '/students', { key: tenant.adminKey, body: student('b') })).json();
    const studentKey = await tenant.key('student', { studentId: a.id });

    const forbidden = await call(t.app, 'POST', '/students', { key: studentKey, body: student('c') });
    expect(forbidden.statusCode).toBe(403);
    expect(problemOf(forbidden).code).toBe('auth.forbidden');

    expect((await call(t.app, 'GET', `/students/${a.id}`, { key: studentKey })).statusCode).toBe(200);
    expect((await call(t.app, 'GET', `/students/${b.id}`, { key: studentKey })).statusCode).toBe(404);
    const list = (await call(t.app, 'GET', '/students', { key: studentKey })).json();
    expect(list.data.map((s: { id: string }) => s.id)).toEqual([a.id]);

    const advisor = (
      await call(t.app, 'POST', '/advisors', { key: tenant.adminKey, body: { name: 'Grace Advisor' } })
    ).json();
    await call(t.app, 'PUT', `/advisors/${advisor.id}/students/${b.id}`, { key: tenant.adminKey });
    const advisorKey = await tenant.key('advisor', { advisorId: advisor.id });
    const cohort = (await call(t.app, 'GET', '/students', { key: advisorKey })).json();
    expect(cohort.data.map((s: { id: string }) => s.id)).toEqual([b.id]);
    expect((await call(t.app, 'GET', `/students/${a.id}`, { key: advisorKey })).statusCode).toBe(404);
    const advisorPatch = await call(t.app, 'PATCH', `/students/${b.id}`, {
      key: advisorKey,
      body: { name: 'x' },
      headers: { 'if-match': `"${b.id}:1"` },
    });
    expect(advisorPatch.statusCode).toBe(403);
    const byAdvisor = (
      await call(t.app, 'GET', `/students?advisorId=${advisor.id}`, { key: tenant.adminKey })
    ).json();
    expect(byAdvisor.data.map((s: { id: string }) => s.id)).toEqual([b.id]);
  });

  it('Infoview-Acting-As makes an integration key see exactly what the student sees', async () => {
    const tenant = await t.tenant();
    const integration = await tenant.key('integration');
    const a = (
      await call(t.app, 'POST', '/students', { key: integration, body: student('portal-a') })
    ).json();
    const b = (
      await call(t.app, 'POST', '/students', { key: integration, body: student('portal-b') })
    ).json();

    const asA = { 'infoview-acting-as': 'portal-a' };
    const list = (await call(t.app, 'GET', '/students', { key: integration, headers: asA })).json();
    expect(list.data.map((s: { id: string }) => s.id)).toEqual([a.id]);
    expect(
      (await call(t.app, 'GET', `/students/${b.id}`, { key: integration, headers: asA })).statusCode,
    ).toBe(404);
    const create = await call(t.app, 'POST', '/students', {
      key: integration,
      headers: asA,
      body: student('portal-c'),
    });
    expect(create.statusCode).toBe(403);

    const unknown = await call(t.app, 'GET', '/students', {
      key: integration,
      headers: { 'infoview-acting-as': 'nobody' },
    });
    expect(unknown.statusCode).toBe(403);
    expect(problemOf(unknown).code).toBe('auth.acting_as_unknown_student');

    const admin = await call(t.app, 'GET', '/students', { key: tenant.adminKey, headers: asA });
    expect(admin.statusCode).toBe(403);
    expect(problemOf(admin).code).toBe('auth.acting_as_not_allowed');
  });
});
