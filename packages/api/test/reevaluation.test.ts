import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type InfoviewApp } from '../src/app.js';
import type { Database } from '../src/db/client.js';
import { reminders } from '../src/db/schema/reminders.js';
import { call, createTestDatabase, drivers, testConfig } from './helper.js';
import { type Receiver, reminderConfig, seedTenant, startReceiver, waitFor } from './reminders/fixtures.js';

const DAY = 86_400_000;

interface TaskView {
  id: string;
  key: string;
  ruleId: string;
  title: string;
  status: string;
  contactId: string | null;
}

/**
 * Writes that change an input of a rule without going through an interview event: before the
 * transaction helper re-derived every touched student, these left the student's tasks stale.
 */
describe.each(drivers)('re-evaluation after contact writes (%s)', (driver) => {
  let database: Database;
  let drop: () => Promise<void>;
  let app: InfoviewApp;
  let receiver: Receiver;

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase(driver));
    receiver = await startReceiver();
    app = await buildApp(testConfig({ reminders: reminderConfig({ pollIntervalMs: 200 }) }), { database });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await drop?.();
  });

  async function student(adminKey: string) {
    const created = await call(app, 'POST', '/students', {
      key: adminKey,
      body: { externalId: `s-${crypto.randomUUID()}`, name: 'Sam Student', timeZone: 'UTC' },
    });
    expect(created.statusCode).toBe(201);
    return created.json().id as string;
  }

  /** A contact with an interview whose outreach went out at `at`. */
  async function reached(
    adminKey: string,
    studentId: string,
    contact: { name: string; organization?: string },
    at: Date,
  ) {
    const c = await call(app, 'POST', '/contacts', {
      key: adminKey,
      body: { studentId, source: 'friend', known: true, ...contact },
    });
    expect(c.statusCode).toBe(201);
    const i = await call(app, 'POST', '/interviews', { key: adminKey, body: { contactId: c.json().id } });
    const sent = await call(app, 'POST', `/interviews/${i.json().id}/attempts`, {
      key: adminKey,
      body: { channel: 'phone', at: at.toISOString() },
      headers: { 'if-match': i.headers.etag as string },
    });
    expect(sent.statusCode).toBe(200);
    return { contactId: c.json().id as string, etag: c.headers.etag as string };
  }

  /** The student's tasks: every one but the obsolete, or those of one status. */
  async function tasksOf(adminKey: string, studentId: string, status?: string): Promise<TaskView[]> {
    const query = { studentId, limit: '100', ...(status ? { status } : {}) };
    const page = await call(app, 'GET', '/tasks', { key: adminKey, query });
    expect(page.statusCode).toBe(200);
    return page.json().data;
  }

  it('changing a contact’s organisation re-derives the 3B7 second-contact tasks at once', async () => {
    const { adminKey } = await seedTenant(database.db);
    const policy = await call(app, 'PUT', '/policy', {
      key: adminKey,
      body: { preset: 'two_hour_job_search' },
      headers: { 'if-match': '*' },
    });
    expect(policy.statusCode).toBe(200);
    const studentId = await student(adminKey);
    const now = new Date();
    await reached(adminKey, studentId, { name: 'Ada Acme', organization: 'Acme' }, now);
    const globex = await reached(adminKey, studentId, { name: 'Gil Globex', organization: 'Globex' }, now);
    const open = (await tasksOf(adminKey, studentId)).filter(
      (t) => t.ruleId === 'follow_up.second_contact' && t.status === 'open',
    );
    expect(open.map((t) => t.title).sort()).toEqual([
      'Reach a second person at Acme',
      'Reach a second person at Globex',
    ]);

    // Gil moves to Acme: Acme has now been reached twice, so neither needs a second person.
    const moved = await call(app, 'PATCH', `/contacts/${globex.contactId}`, {
      key: adminKey,
      body: { organization: 'Acme' },
      headers: { 'if-match': globex.etag },
    });
    expect(moved.statusCode).toBe(200);
    const secondContact = (list: TaskView[]) => list.filter((t) => t.ruleId === 'follow_up.second_contact');
    expect(secondContact(await tasksOf(adminKey, studentId))).toEqual([]);
    expect(secondContact(await tasksOf(adminKey, studentId, 'obsolete'))).toHaveLength(2);
    const pending = await database.db
      .select({ sourceKey: reminders.sourceKey })
      .from(reminders)
      .where(and(eq(reminders.studentId, studentId), eq(reminders.status, 'pending')));
    expect(pending.map((r) => r.sourceKey).filter((k) => k.startsWith('follow_up.second_contact'))).toEqual(
      [],
    );
  });

  it('deleting a contact obsoletes its tasks and cancels its reminders: the test clock sends nothing about them', async () => {
    const db = database.db;
    const { adminKey } = await seedTenant(db, { sandbox: true });
    const t0 = new Date('2031-03-03T10:00:00.000Z');
    expect(
      (await call(app, 'POST', '/test-clock', { key: adminKey, body: { at: t0.toISOString() } })).statusCode,
    ).toBe(200);
    const hook = await call(app, 'POST', '/webhooks', { key: adminKey, body: { url: receiver.url } });
    receiver.secrets.push(hook.json().secret);
    const studentId = await student(adminKey);
    const gone = await reached(adminKey, studentId, { name: 'Dora Deleted' }, t0);
    await reached(adminKey, studentId, { name: 'Kim Kept' }, t0);
    const before = await tasksOf(adminKey, studentId);
    expect(before.filter((t) => t.contactId === gone.contactId && t.status === 'open')).not.toEqual([]);

    const deleted = await call(app, 'DELETE', `/contacts/${gone.contactId}`, { key: adminKey });
    expect(deleted.statusCode).toBe(204);
    const hers = (list: TaskView[]) => list.filter((t) => t.contactId === gone.contactId);
    expect(hers(await tasksOf(adminKey, studentId))).toEqual([]);
    expect(hers(await tasksOf(adminKey, studentId, 'obsolete')).length).toBeGreaterThan(0);
    const waiting = await db
      .select({ payload: reminders.payload })
      .from(reminders)
      .where(and(eq(reminders.studentId, studentId), eq(reminders.status, 'pending')));
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.some((r) => JSON.stringify(r.payload).includes('Dora'))).toBe(false);

    // Every reminder of the student would be due by now; Kim's arriving shows the clock delivered.
    const advanced = await call(app, 'POST', '/test-clock/advance', { key: adminKey, body: { by: 'P60D' } });
    expect(advanced.statusCode).toBe(200);
    await waitFor('Kim’s follow-up webhook', () =>
      receiver.received.find((h) => h.body.includes('Kim Kept')),
    );
    const feedItems = async () => {
      const page = await call(app, 'GET', '/feed', { key: adminKey, query: { studentId, limit: '100' } });
      return page.json().data as { title: string }[];
    };
    await waitFor('Kim’s feed item', async () => (await feedItems()).some((f) => f.title.includes('Kim')));
    // Let the dispatcher finish anything else that fell due in the same pass.
    await new Promise((r) => setTimeout(r, 4 * 200));
    const feed = await feedItems();
    expect(feed.filter((f) => f.title.includes('Dora'))).toEqual([]);
    expect(receiver.received.filter((h) => h.body.includes('Dora'))).toEqual([]);
    expect(advanced.json().frozenTime).toBe(new Date(t0.getTime() + 60 * DAY).toISOString());
  });
});
