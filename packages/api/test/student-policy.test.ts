import { describe, expect, it } from 'vitest';
import { call, drivers, problemOf, type TestContext, useTestApp } from './helper.js';

const DAY = 86_400_000;

/** A tenant letting students set `followUpAfter`, one student with a key, and an attempt 20 days ago. */
async function setup(t: TestContext) {
  const tenant = await t.tenant();
  await call(t.app, 'PUT', '/policy', {
    key: tenant.adminKey,
    body: { studentOverridable: ['followUpAfter'] },
    headers: { 'if-match': '*' },
  });
  const student = (
    await call(t.app, 'POST', '/students', {
      key: tenant.adminKey,
      body: { externalId: `s-${crypto.randomUUID()}`, name: 'Sam', timeZone: 'UTC' },
    })
  ).json();
  const key = await tenant.key('student', { studentId: student.id });
  const contact = (
    await call(t.app, 'POST', '/contacts', {
      key,
      body: { studentId: student.id, name: 'Pat', source: 'friend', known: true },
    })
  ).json();
  const interview = await call(t.app, 'POST', '/interviews', { key, body: { contactId: contact.id } });
  const attemptAt = Date.now() - 20 * DAY;
  await call(t.app, 'POST', `/interviews/${interview.json().id}/attempts`, {
    key,
    body: { channel: 'phone', at: new Date(attemptAt).toISOString() },
    headers: { 'if-match': interview.headers.etag as string },
  });
  return { tenant, studentId: student.id as string, key, attemptAt };
}

describe.each(drivers)('student policy overrides (%s)', (driver) => {
  const t = useTestApp(driver);

  const followUpDue = async (key: string) => {
    const tasks = (await call(t.app, 'GET', '/tasks?status=open', { key })).json().data as {
      ruleId: string;
      dueAt: string;
    }[];
    return Date.parse(tasks.find((task) => task.ruleId === 'follow_up.due')!.dueAt);
  };

  it('a student sets an allowed key; their tasks move at once, the tenant’s policy stays', async () => {
    const s = await setup(t);
    expect(await followUpDue(s.key)).toBe(s.attemptAt + 14 * DAY);

    const read = await call(t.app, 'GET', `/students/${s.studentId}/policy`, { key: s.key });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: s.studentId, override: {}, overridable: ['followUpAfter'] });
    expect(read.json().policy.followUpAfter).toEqual({ amount: 14, unit: 'calendar_days' });

    const put = await call(t.app, 'PUT', `/students/${s.studentId}/policy`, {
      key: s.key,
      body: { followUpAfter: { amount: 7, unit: 'calendar_days' } },
      headers: { 'if-match': read.headers.etag as string },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      override: { followUpAfter: { amount: 7, unit: 'calendar_days' } },
      policy: { followUpAfter: { amount: 7, unit: 'calendar_days' } },
      version: read.json().version + 1,
    });
    expect(put.headers.etag).not.toBe(read.headers.etag);
    expect(await followUpDue(s.key)).toBe(s.attemptAt + 7 * DAY);
    // The tenant's policy is untouched.
    const tenantPolicy = (await call(t.app, 'GET', '/policy', { key: s.tenant.adminKey })).json().policy;
    expect(tenantPolicy.followUpAfter).toEqual({ amount: 14, unit: 'calendar_days' });

    // The tenant takes the key back: the override stays stored but no longer applies.
    await call(t.app, 'PUT', '/policy', {
      key: s.tenant.adminKey,
      body: { studentOverridable: [] },
      headers: { 'if-match': '*' },
    });
    const after = (await call(t.app, 'GET', `/students/${s.studentId}/policy`, { key: s.key })).json();
    expect(after.override).toEqual({ followUpAfter: { amount: 7, unit: 'calendar_days' } });
    expect(after.policy.followUpAfter).toEqual({ amount: 14, unit: 'calendar_days' });

    // `{}` clears it.
    const cleared = await call(t.app, 'PUT', `/students/${s.studentId}/policy`, {
      key: s.key,
      body: {},
      headers: { 'if-match': '*' },
    });
    expect(cleared.json().override).toEqual({});
  });

  it('refuses keys the tenant does not allow and invalid values, naming each field', async () => {
    const s = await setup(t);
    const res = await call(t.app, 'PUT', `/students/${s.studentId}/policy`, {
      key: s.key,
      body: {
        quietHours: { start: '22:00', end: '07:00' },
        followUpAfter: { amount: -1, unit: 'fortnights' },
      },
      headers: { 'if-match': '*' },
    });
    expect(res.statusCode).toBe(422);
    const problem = problemOf(res);
    expect(problem.code).toBe('policy.invalid');
    const paths = problem.errors?.map((e) => e.path) ?? [];
    expect(paths).toContain('/body/quietHours');
    expect(paths.some((p) => p.startsWith('/body/followUpAfter'))).toBe(true);
    const preset = await call(t.app, 'PUT', `/students/${s.studentId}/policy`, {
      key: s.key,
      body: { preset: 'two_hour_job_search' },
      headers: { 'if-match': '*' },
    });
    expect(problemOf(preset).errors?.map((e) => e.path)).toEqual(['/body/preset']);
    expect(await followUpDue(s.key)).toBe(s.attemptAt + 14 * DAY);
  });

  it('If-Match is required and checked; advisors read only; others never see it', async () => {
    const s = await setup(t);
    const body = { followUpAfter: { amount: 7, unit: 'calendar_days' } };
    const url = `/students/${s.studentId}/policy`;
    expect((await call(t.app, 'PUT', url, { key: s.key, body })).statusCode).toBe(428);
    const stale = await call(t.app, 'PUT', url, {
      key: s.key,
      body,
      headers: { 'if-match': `"${s.studentId}:0"` },
    });
    expect(stale.statusCode).toBe(412);

    const advisor = (
      await call(t.app, 'POST', '/advisors', { key: s.tenant.adminKey, body: { name: 'Avery' } })
    ).json();
    await call(t.app, 'PUT', `/advisors/${advisor.id}/students/${s.studentId}`, { key: s.tenant.adminKey });
    const advisorKey = await s.tenant.key('advisor', { advisorId: advisor.id });
    expect((await call(t.app, 'GET', url, { key: advisorKey })).statusCode).toBe(200);
    const forbidden = await call(t.app, 'PUT', url, { key: advisorKey, body, headers: { 'if-match': '*' } });
    expect(forbidden.statusCode).toBe(403);

    const other = await setup(t);
    expect((await call(t.app, 'GET', url, { key: other.tenant.adminKey })).statusCode).toBe(404);
    const otherStudent = await s.tenant.key('student', {
      studentId: (
        await call(t.app, 'POST', '/students', {
          key: s.tenant.adminKey,
          body: { externalId: `s-${crypto.randomUUID()}`, name: 'Lee', timeZone: 'UTC' },
        })
      ).json().id,
    });
    expect((await call(t.app, 'GET', url, { key: otherStudent })).statusCode).toBe(404);
    const crossPut = await call(t.app, 'PUT', url, {
      key: other.tenant.adminKey,
      body,
      headers: { 'if-match': '*' },
    });
    expect(crossPut.statusCode).toBe(404);

    const byAdmin = await call(t.app, 'PUT', url, {
      key: s.tenant.adminKey,
      body,
      headers: { 'if-match': '*' },
    });
    expect(byAdmin.statusCode).toBe(200);
  });
});
