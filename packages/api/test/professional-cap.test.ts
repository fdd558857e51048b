import { describe, expect, it } from 'vitest';
import { call, drivers, problemOf, type TestContext, type TestTenant, useTestApp } from './helper.js';

// outreach.professional_cap over the API: the count is per professional (normalised email or
// profile URL) across the tenant's students, holds under concurrent requests, and a refusal or a
// warning says when the professional can next be asked without naming who wrote.

async function setCap(t: TestContext, tenant: TestTenant, cap: Record<string, unknown>) {
  const current = await call(t.app, 'GET', '/policy', { key: tenant.adminKey });
  const res = await call(t.app, 'PUT', '/policy', {
    key: tenant.adminKey,
    body: { professionalCap: cap },
    headers: { 'if-match': current.headers.etag as string },
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** A student of the tenant with one contact (the given email) and an interview: its id and ETag. */
async function studentWriting(t: TestContext, tenant: TestTenant, n: number, email: string) {
  const student = await call(t.app, 'POST', '/students', {
    key: tenant.adminKey,
    body: { externalId: `cap-${n}-${Math.random()}`, name: `Student ${n}`, timeZone: 'Europe/London' },
  });
  const studentId = student.json().id as string;
  const key = await tenant.key('student', { studentId });
  const contact = await call(t.app, 'POST', '/contacts', {
    key,
    body: { studentId, name: 'Alex Alumna', email, source: 'alumni_directory' },
  });
  expect(contact.statusCode, contact.body).toBe(201);
  const interview = await call(t.app, 'POST', '/interviews', {
    key,
    body: { contactId: contact.json().id, topics: ['career_change'] },
  });
  expect(interview.statusCode, interview.body).toBe(201);
  return {
    studentId,
    externalId: student.json().externalId as string,
    key,
    interviewId: interview.json().id as string,
    etag: interview.headers.etag as string,
  };
}

const attempt = (t: TestContext, s: { key: string; interviewId: string; etag: string }, at?: string) =>
  call(t.app, 'POST', `/interviews/${s.interviewId}/attempts`, {
    key: s.key,
    body: { channel: 'email', ...(at ? { at } : {}) },
    headers: { 'if-match': s.etag },
  });

describe.each(drivers)('the professional cap (%s)', (driver) => {
  const t = useTestApp(driver);

  it('refuses past the cap, counting one professional across students, and says when to ask next', async () => {
    const tenant = await t.tenant();
    await setCap(t, tenant, { maxRequests: 2, periodDays: 30, enforcement: 'refuse' });
    // Three spellings of one Gmail address: one professional.
    const a = await studentWriting(t, tenant, 1, 'alex.alumna@gmail.com');
    const b = await studentWriting(t, tenant, 2, 'AlexAlumna+infoview@googlemail.com');
    const c = await studentWriting(t, tenant, 3, 'alexalumna@gmail.com');
    const first = new Date(Date.now() - 10 * 86_400_000).toISOString();
    expect((await attempt(t, a, first)).statusCode).toBe(200);
    expect((await attempt(t, b, new Date(Date.now() - 3 * 86_400_000).toISOString())).statusCode).toBe(200);

    const refused = await attempt(t, c);
    expect(refused.statusCode).toBe(409);
    const problem = problemOf(refused);
    expect(problem.code).toBe('outreach.professional_cap_reached');
    expect(problem.ruleId).toBe('outreach.professional_cap');
    // The oldest of the two requests leaves the 30-day period 20 days from now.
    const nextAskAt = new Date(new Date(first).getTime() + 30 * 86_400_000).toISOString();
    expect(problem.nextAskAt).toBe(nextAskAt);
    expect(problem.detail).toContain(nextAskAt);
    // Nothing about who wrote: neither the other students' ids nor their external ids or names.
    for (const other of [a, b]) {
      expect(refused.body).not.toContain(other.studentId);
      expect(refused.body).not.toContain(other.externalId);
      expect(refused.body).not.toContain(other.interviewId);
    }
    expect(refused.body).not.toMatch(/Student [12]/);

    // Another professional is not affected.
    const d = await studentWriting(t, tenant, 4, 'someone.else@example.org');
    expect((await attempt(t, d)).statusCode).toBe(200);
  });

  it('warns past the cap with the same instant when the tenant only warns', async () => {
    const tenant = await t.tenant();
    await setCap(t, tenant, { maxRequests: 1, periodDays: 14, enforcement: 'warn' });
    const a = await studentWriting(t, tenant, 1, 'robin@acme.example');
    const b = await studentWriting(t, tenant, 2, 'Robin@ACME.example');
    const at = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const first = await attempt(t, a, at);
    expect(first.json().warnings).toEqual([]);
    const second = await attempt(t, b);
    expect(second.statusCode).toBe(200);
    const warning = second
      .json()
      .warnings.find((w: { code: string }) => w.code === 'outreach.professional_cap_reached');
    const nextAskAt = new Date(new Date(at).getTime() + 14 * 86_400_000).toISOString();
    expect(warning).toMatchObject({ ruleId: 'outreach.professional_cap', nextAskAt });
    expect(warning.message).toContain(nextAskAt);
    expect(second.body).not.toContain(a.studentId);
  });

  it('holds under concurrent requests from different students: accepted attempts never exceed the cap', async () => {
    const tenant = await t.tenant();
    const cap = 3;
    await setCap(t, tenant, { maxRequests: cap, periodDays: 30, enforcement: 'refuse' });
    const writers = [];
    for (let n = 0; n < 12; n++) writers.push(await studentWriting(t, tenant, n, 'jordan@globex.example'));
    // All at once: on PostgreSQL each runs in its own pooled connection and transaction.
    const results = await Promise.all(writers.map((w) => attempt(t, w)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(cap);
    expect(statuses.filter((s) => s === 409)).toHaveLength(writers.length - cap);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(problemOf(r).code).toBe('outreach.professional_cap_reached');
    // And what is stored agrees: exactly `cap` outreach events for this professional.
    const timelines = await Promise.all(
      writers.map((w) => call(t.app, 'GET', `/interviews/${w.interviewId}/timeline`, { key: w.key })),
    );
    const sent = timelines.flatMap((r) =>
      (r.json().data as { type: string }[]).filter((e) => e.type === 'send_outreach'),
    );
    expect(sent).toHaveLength(cap);
  });
});
