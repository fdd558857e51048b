import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type InfoviewApp } from '../src/app.js';
import type { Database } from '../src/db/client.js';
import { reevaluationJobs } from '../src/db/schema/reevaluation-jobs.js';
import { call, createTestDatabase, drivers, testConfig } from './helper.js';
import { storedAndFresh } from './network-oracle.js';
import { seedTenant, waitFor } from './reminders/fixtures.js';

const DAY = 86_400_000;
const STUDENTS = 50;

describe.each(drivers)('tenant-wide re-evaluation jobs (%s)', (driver) => {
  let database: Database;
  let drop: () => Promise<void>;
  let app: InfoviewApp;

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase(driver));
    app = await buildApp(testConfig(), { database });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  /** A student with one contact at `organization` whose outreach went out `daysAgo` days ago. */
  async function reachedStudent(adminKey: string, n: number, daysAgo: number) {
    const s = await call(app, 'POST', '/students', {
      key: adminKey,
      body: { externalId: `job-${n}-${crypto.randomUUID()}`, name: `Student ${n}`, timeZone: 'UTC' },
    });
    const c = await call(app, 'POST', '/contacts', {
      key: adminKey,
      body: { studentId: s.json().id, name: `Contact ${n}`, organization: `Org ${n % 7}`, source: 'friend' },
    });
    const i = await call(app, 'POST', '/interviews', { key: adminKey, body: { contactId: c.json().id } });
    const sent = await call(app, 'POST', `/interviews/${i.json().id}/attempts`, {
      key: adminKey,
      body: { channel: 'email', at: new Date(Date.now() - daysAgo * DAY).toISOString() },
      headers: { 'if-match': i.headers.etag as string },
    });
    expect(sent.statusCode).toBe(200);
    return s.json().id as string;
  }

  async function awaitCompleted(adminKey: string, id: string) {
    return waitFor(
      'the re-evaluation to complete',
      async () => {
        const job = (await call(app, 'GET', `/reevaluations/${id}`, { key: adminKey })).json();
        return job.state === 'completed' ? job : undefined;
      },
      60_000,
      100,
    );
  }

  it(`a new policy re-derives all ${STUDENTS} students’ tasks in the background, with progress`, async () => {
    const { tenantId, adminKey } = await seedTenant(database.db);
    const studentIds: string[] = [];
    for (let n = 0; n < STUDENTS; n++) studentIds.push(await reachedStudent(adminKey, n, 1 + (n % 10)));
    const rulesOf = async (studentId: string) =>
      (await storedAndFresh(database.db, tenantId, studentId)).stored.map((t) => t.ruleId);
    // Under the guide the follow-up is due 14 days after the outreach and nobody is asked for a second person.
    expect((await rulesOf(studentIds[0]!)).includes('follow_up.second_contact')).toBe(false);

    const put = await call(app, 'PUT', '/policy', {
      key: adminKey,
      body: { preset: 'two_hour_job_search', followUpAfter: { amount: 5, unit: 'calendar_days' } },
      headers: { 'if-match': '*' },
    });
    expect(put.statusCode).toBe(200);
    const job = put.json().reevaluation;
    expect(job).toMatchObject({ reason: 'policy_replaced', total: STUDENTS });
    expect(['queued', 'running', 'completed']).toContain(job.state);
    expect(put.headers.location).toBe(`/reevaluations/${job.id}`);
    // The policy document itself is unchanged beside the new field.
    expect(put.json().policy.preset).toBe('two_hour_job_search');

    const done = await awaitCompleted(adminKey, job.id);
    expect(done).toMatchObject({ state: 'completed', total: STUDENTS, done: STUDENTS, percent: 100 });
    expect(done.finishedAt).not.toBeNull();
    const [row] = await database.db.select().from(reevaluationJobs).where(eq(reevaluationJobs.id, job.id));
    expect(row!.batches).toBeGreaterThan(1);

    for (const studentId of studentIds) {
      const { stored, fresh } = await storedAndFresh(database.db, tenantId, studentId);
      expect(stored).toEqual(fresh);
      expect(stored.some((t) => t.ruleId === 'follow_up.second_contact')).toBe(true);
    }

    // Only the tenant's admins follow it; another tenant's never sees it.
    const other = await seedTenant(database.db);
    const foreign = await call(app, 'GET', `/reevaluations/${job.id}`, { key: other.adminKey });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('reevaluation.not_found');
  }, 180_000);

  it('a job survives a restart: queued while no runner ran, a new process finishes it', async () => {
    const { tenantId, adminKey } = await seedTenant(database.db);
    const studentIds = [await reachedStudent(adminKey, 1, 3), await reachedStudent(adminKey, 2, 4)];
    const first = await buildApp(testConfig(), { database });
    await first.ready();
    await first.reevaluations.stop();
    // The shared app's runner is stopped too, so nothing picks the job up until the second process.
    await app.reevaluations.stop();
    const put = await call(first, 'PUT', '/policy', {
      key: adminKey,
      body: { preset: 'guide', followUpAfter: { amount: 2, unit: 'calendar_days' } },
      headers: { 'if-match': '*' },
    });
    expect(put.statusCode).toBe(200);
    await first.close();
    const queued = (
      await call(app, 'GET', `/reevaluations/${put.json().reevaluation.id}`, { key: adminKey })
    ).json();
    expect(queued).toMatchObject({ state: 'queued', done: 0, percent: 0 });

    const second = await buildApp(testConfig(), { database });
    await second.ready();
    try {
      const done = await waitFor('the job', async () => {
        const j = (await call(second, 'GET', `/reevaluations/${queued.id}`, { key: adminKey })).json();
        return j.state === 'completed' ? j : undefined;
      });
      expect(done).toMatchObject({ total: 2, done: 2, percent: 100 });
      for (const studentId of studentIds) {
        const { stored, fresh } = await storedAndFresh(database.db, tenantId, studentId);
        expect(stored).toEqual(fresh);
        expect(stored.find((t) => t.ruleId === 'follow_up.due')).toBeDefined();
      }
    } finally {
      await second.close();
      app.reevaluations.start();
    }
  }, 60_000);

  it('a second policy change supersedes the job still running', async () => {
    const { adminKey } = await seedTenant(database.db);
    await app.reevaluations.stop();
    try {
      const put = (body: object) =>
        call(app, 'PUT', '/policy', { key: adminKey, body, headers: { 'if-match': '*' } });
      const a = (await put({ preset: 'guide' })).json().reevaluation;
      const b = (await put({ preset: 'two_hour_job_search' })).json().reevaluation;
      expect((await call(app, 'GET', `/reevaluations/${a.id}`, { key: adminKey })).json().state).toBe(
        'superseded',
      );
      expect((await call(app, 'GET', `/reevaluations/${b.id}`, { key: adminKey })).json().state).toBe(
        'queued',
      );
    } finally {
      app.reevaluations.start();
    }
  });
});
