import { describe, expect, it } from 'vitest';
import { call, drivers, problemOf, type TestContext, type TestTenant, useTestApp } from './helper.js';

const HOUR = 3_600_000;

interface Report {
  privacy: { minStudents: number; applied: boolean; suppressedFigures: number };
  window: { from: string; to: string; weeks: number; timeZone: string };
  funnel: { stage: string; interviews: number | null; suppressed: boolean }[];
  replyRates: {
    group: string;
    key: string;
    sent: number | null;
    replied: number | null;
    rate: number | null;
    suppressed: boolean;
  }[];
  timing: { measure: string; median: number | null; interviews: number | null; suppressed: boolean }[];
  thankYou: {
    meetings: number | null;
    thankedOnTime: number | null;
    share: number | null;
    suppressed: boolean;
  };
  referralYield: {
    completedInterviews: number | null;
    referrals: number | null;
    perInterview: number | null;
    suppressed: boolean;
  };
  keepInTouch: { due: number | null; kept: number | null; suppressed: boolean };
  milestones: { kind: string; count: number | null; suppressed: boolean }[];
  weekly: { week: string; identified: number | null; funnelSuppressed: boolean }[];
}

describe.each(drivers)('analytics (%s)', (driver) => {
  const t: TestContext = useTestApp(driver);

  /** A student with one contact of `source` taken through outreach → reply → meeting → thanks → referral, as far as `until` says. */
  async function student(
    tenant: TestTenant,
    until: 'identified' | 'outreach' | 'replied' | 'met' | 'thanked' | 'referral',
    source = 'alumni_directory',
  ) {
    const admin = tenant.adminKey;
    const s = await call(t.app, 'POST', '/students', {
      key: admin,
      body: { externalId: `s-${crypto.randomUUID()}`, name: 'Ana Analytics', timeZone: 'UTC' },
    });
    const studentId: string = s.json().id;
    const key = await tenant.key('student', { studentId });
    const contact = await call(t.app, 'POST', '/contacts', {
      key,
      body: { studentId, name: 'Prof Essional', source, known: false },
    });
    const interview = await call(t.app, 'POST', '/interviews', {
      key,
      body: { contactId: contact.json().id },
    });
    const id: string = interview.json().id;
    const steps = ['identified', 'outreach', 'replied', 'met', 'thanked', 'referral'];
    const act = async (verb: string, body: object) => {
      const etag = (await call(t.app, 'GET', `/interviews/${id}`, { key })).headers.etag as string;
      const r = await call(t.app, 'POST', `/interviews/${id}/${verb}`, {
        key,
        body,
        headers: { 'if-match': etag },
      });
      expect(r.statusCode, `${verb}: ${r.body}`).toBeLessThan(300);
    };
    const reach = (step: string) => steps.indexOf(until) >= steps.indexOf(step);
    const start = Date.now() - 3 * 24 * HOUR;
    if (reach('outreach')) await act('attempts', { channel: 'email', at: new Date(start).toISOString() });
    if (reach('replied')) {
      await act('reply', {
        response: 'accepted',
        at: new Date(start + 24 * HOUR).toISOString(),
        meeting: { at: new Date(start + 48 * HOUR).toISOString(), durationMinutes: 30 },
      });
    }
    if (reach('met')) await act('complete', { at: new Date(start + 49 * HOUR).toISOString() });
    if (reach('thanked')) await act('thank-you', { at: new Date(start + 50 * HOUR).toISOString() });
    if (reach('referral'))
      await act('referrals', { name: 'Someone Else', at: new Date(start + 51 * HOUR).toISOString() });
    return { studentId, key };
  }

  const report = async (key: string, path: string, query: Record<string, string> = {}) => {
    const r = await call(t.app, 'GET', path, { key, query });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Report;
  };

  it("counts the tenant's funnel, reply rates, timing and thank-yous from the rollups", async () => {
    const tenant = await t.tenant();
    const until = ['referral', 'referral', 'thanked', 'met', 'replied', 'outreach', 'identified'] as const;
    for (const u of until) await student(tenant, u);
    await call(t.app, 'PUT', '/analytics/settings', { key: tenant.adminKey, body: { minStudents: 2 } });
    const r = await report(tenant.adminKey, '/analytics/tenant');
    expect(r.window.timeZone).toBe('UTC');
    expect(r.privacy).toMatchObject({ minStudents: 2, applied: true });
    expect(Object.fromEntries(r.funnel.map((f) => [f.stage, f.interviews]))).toEqual({
      identified: 7,
      outreach: 6,
      replied: 5,
      met: 4,
      thanked: 3,
      referral: 2,
    });
    expect(r.replyRates.find((x) => x.group === 'all')).toMatchObject({ sent: 6, replied: 5, rate: 0.8333 });
    expect(r.replyRates.find((x) => x.key === 'alumni_directory')).toMatchObject({ sent: 6, replied: 5 });
    expect(r.replyRates.find((x) => x.group === 'channel' && x.key === 'email')).toMatchObject({
      sent: 6,
      replied: 5,
    });
    expect(r.replyRates.find((x) => x.key === 'follow_up')).toMatchObject({ suppressed: true, sent: null });
    expect(r.timing.find((x) => x.measure === 'days_to_reply')).toMatchObject({ median: 1, interviews: 5 });
    expect(r.timing.find((x) => x.measure === 'days_to_meeting')).toMatchObject({ median: 2, interviews: 4 });
    expect(r.thankYou).toMatchObject({ meetings: 4, thankedOnTime: 3, share: 0.75 });
    expect(r.referralYield).toMatchObject({ completedInterviews: 4, referrals: 2, perInterview: 0.5 });
    expect(r.privacy.suppressedFigures).toBeGreaterThan(0);
  }, 120_000);

  it('suppresses any figure about fewer than k students, and says so', async () => {
    const tenant = await t.tenant();
    for (let n = 0; n < 3; n++) await student(tenant, 'replied', 'family');
    for (let n = 0; n < 5; n++) await student(tenant, 'outreach', 'event');
    const r = await report(tenant.adminKey, '/analytics/tenant');
    expect(r.privacy.minStudents).toBe(5);
    const family = r.replyRates.find((x) => x.key === 'family')!;
    const event = r.replyRates.find((x) => x.key === 'event')!;
    expect(family).toEqual({
      group: 'source',
      key: 'family',
      sent: null,
      replied: null,
      rate: null,
      suppressed: true,
    });
    expect(event).toMatchObject({ sent: 5, replied: 0, rate: 0, suppressed: false });
    expect(r.funnel.find((f) => f.stage === 'replied')).toMatchObject({ interviews: null, suppressed: true });
    expect(r.funnel.find((f) => f.stage === 'outreach')).toMatchObject({ interviews: 8, suppressed: false });
    // Lowering k to 3 shows the family figure.
    await call(t.app, 'PUT', '/analytics/settings', { key: tenant.adminKey, body: { minStudents: 3 } });
    const after = await report(tenant.adminKey, '/analytics/tenant');
    expect(after.replyRates.find((x) => x.key === 'family')).toMatchObject({ sent: 3, replied: 3, rate: 1 });
  }, 120_000);

  it('scopes by role: advisors their cohort, students themselves, never another tenant', async () => {
    const tenant = await t.tenant();
    const mine = [];
    for (let n = 0; n < 2; n++) mine.push(await student(tenant, 'met'));
    const other = await student(tenant, 'thanked');
    const advisor = await call(t.app, 'POST', '/advisors', {
      key: tenant.adminKey,
      body: { name: 'Ada Advisor' },
    });
    const advisorId: string = advisor.json().id;
    for (const s of mine) {
      await call(t.app, 'PUT', `/advisors/${advisorId}/students/${s.studentId}`, { key: tenant.adminKey });
    }
    await call(t.app, 'PUT', '/analytics/settings', { key: tenant.adminKey, body: { minStudents: 2 } });
    const advisorKey = await tenant.key('advisor', { advisorId });

    const cohort = await report(advisorKey, `/analytics/advisors/${advisorId}`);
    expect(cohort.funnel.find((f) => f.stage === 'met')).toMatchObject({ interviews: 2 });
    expect(cohort.funnel.find((f) => f.stage === 'thanked')).toMatchObject({ suppressed: true });

    // An advisor reads no other advisor's cohort, not the tenant's figures, not a student outside the cohort.
    const otherAdvisor = await call(t.app, 'POST', '/advisors', {
      key: tenant.adminKey,
      body: { name: 'Bo' },
    });
    expect(
      problemOf(
        await call(t.app, 'GET', `/analytics/advisors/${otherAdvisor.json().id}`, { key: advisorKey }),
      ).code,
    ).toBe('advisor.not_found');
    expect(problemOf(await call(t.app, 'GET', '/analytics/tenant', { key: advisorKey })).code).toBe(
      'auth.forbidden',
    );
    expect(
      problemOf(await call(t.app, 'GET', `/analytics/students/${other.studentId}`, { key: advisorKey })).code,
    ).toBe('student.not_found');
    // One student seen by their advisor is one student: suppressed.
    const seen = await report(advisorKey, `/analytics/students/${mine[0]!.studentId}`);
    expect(seen.privacy.applied).toBe(true);
    expect(seen.funnel.every((f) => f.suppressed)).toBe(true);

    // A student sees their own figures in full, and no one else's.
    const own = await report(other.key, `/analytics/students/${other.studentId}`);
    expect(own.privacy.applied).toBe(false);
    expect(own.funnel.find((f) => f.stage === 'thanked')).toMatchObject({ interviews: 1, suppressed: false });
    expect(
      problemOf(await call(t.app, 'GET', `/analytics/students/${mine[0]!.studentId}`, { key: other.key }))
        .code,
    ).toBe('student.not_found');
    expect(problemOf(await call(t.app, 'GET', '/analytics/tenant', { key: other.key })).code).toBe(
      'auth.forbidden',
    );

    const stranger = await t.tenant('Elsewhere');
    expect(
      problemOf(await call(t.app, 'GET', `/analytics/advisors/${advisorId}`, { key: stranger.adminKey }))
        .code,
    ).toBe('advisor.not_found');
    expect(
      problemOf(
        await call(t.app, 'GET', `/analytics/students/${other.studentId}`, { key: stranger.adminKey }),
      ).code,
    ).toBe('student.not_found');
    const empty = await report(stranger.adminKey, '/analytics/tenant');
    expect(empty.funnel.every((f) => f.suppressed)).toBe(true);
  }, 120_000);

  it('sends every table as CSV with Accept: text/csv', async () => {
    const tenant = await t.tenant();
    for (let n = 0; n < 2; n++) await student(tenant, 'thanked');
    await call(t.app, 'PUT', '/analytics/settings', { key: tenant.adminKey, body: { minStudents: 2 } });
    const r = await call(t.app, 'GET', '/analytics/tenant', {
      key: tenant.adminKey,
      headers: { accept: 'text/csv' },
      query: { table: 'funnel' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    expect(r.body.split('\r\n')).toEqual([
      'stage,interviews,suppressed',
      'identified,2,false',
      'outreach,2,false',
      'replied,2,false',
      'met,2,false',
      'thanked,2,false',
      'referral,,true',
      '',
    ]);
    for (const table of [
      'reply_rates',
      'timing',
      'thank_you',
      'referral_yield',
      'keep_in_touch',
      'milestones',
      'weekly',
    ]) {
      const csv = await call(t.app, 'GET', '/analytics/tenant', {
        key: tenant.adminKey,
        headers: { accept: 'text/csv' },
        query: { table },
      });
      expect(csv.statusCode, table).toBe(200);
      expect(csv.body.split('\r\n').length, table).toBeGreaterThan(2);
    }
    const missing = await call(t.app, 'GET', '/analytics/tenant', {
      key: tenant.adminKey,
      headers: { accept: 'text/csv' },
    });
    expect(problemOf(missing).code).toBe('analytics.table_required');
  }, 120_000);

  it('refuses a window that ends before it starts or is too long', async () => {
    const tenant = await t.tenant();
    const back = await call(t.app, 'GET', '/analytics/tenant', {
      key: tenant.adminKey,
      query: { from: '2026-06-01', to: '2026-01-01' },
    });
    expect(problemOf(back).code).toBe('analytics.window_invalid');
    const long = await call(t.app, 'GET', '/analytics/tenant', {
      key: tenant.adminKey,
      query: { from: '2020-01-01', to: '2026-01-01' },
    });
    expect(problemOf(long).code).toBe('analytics.window_invalid');
    const r = await report(tenant.adminKey, '/analytics/tenant', { from: '2026-01-07', to: '2026-01-20' });
    expect(r.window).toMatchObject({ from: '2026-01-05', to: '2026-01-19', weeks: 3 });
    expect(r.weekly.map((w) => w.week)).toEqual(['2026-01-05', '2026-01-12', '2026-01-19']);
  }, 60_000);
});
