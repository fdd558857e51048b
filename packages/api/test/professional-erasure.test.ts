import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type InfoviewApp } from '../src/app.js';
import type { Database } from '../src/db/client.js';
import { call, createTestDatabase, drivers, problemOf, testConfig } from './helper.js';
import { reminderConfig, seedTenant, waitFor } from './reminders/fixtures.js';
import { requireRedisUrl } from './reminders/redis.js';

// A professional's erasure across every student of the tenant, then a scan of every table (and
// of the reminders queue's Redis keys) for the erased person's email, name, phone and profile URL.

const redisUrl = requireRedisUrl();
const ROBIN = {
  name: 'Robin Erasable',
  email: 'Robin.Erasable@Example.org',
  phone: '+1 555 0100 777',
  profileUrl: 'https://www.linkedin.com/in/robin-erasable/',
};
const TRACES = [
  'robin erasable',
  'robin.erasable@example.org',
  '555 0100 777',
  'linkedin.com/in/robin-erasable',
];

/** Every row of every table of the schema, as text, that mentions any trace (case-insensitive). */
async function tablesMentioning(database: Database): Promise<string[]> {
  const tables = (await database.db.execute(
    sql`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
  )) as unknown as { name: string }[] | { rows: { name: string }[] };
  const names = (Array.isArray(tables) ? tables : tables.rows).map((t) => t.name);
  expect(names).toEqual(
    expect.arrayContaining(['contacts', 'interviews', 'tasks', 'feed_items', 'messages']),
  );
  const found: string[] = [];
  for (const name of names) {
    const rows = (await database.db.execute(
      sql`select row_to_json(t)::text as row from ${sql.identifier(name)} t`,
    )) as unknown as { row: string }[] | { rows: { row: string }[] };
    for (const { row } of Array.isArray(rows) ? rows : rows.rows) {
      const text = row.toLowerCase();
      if (TRACES.some((trace) => text.includes(trace))) found.push(`${name}: ${row}`);
    }
  }
  return found;
}

/** Every key of the reminders queue in Redis, with its value, that mentions any trace. */
async function redisMentioning(url: string, queueName: string): Promise<{ keys: number; found: string[] }> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `bull:${queueName}:*`, 'COUNT', 500);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    const found: string[] = [];
    for (const key of keys) {
      const type = await redis.type(key);
      const value =
        type === 'string'
          ? await redis.get(key)
          : type === 'hash'
            ? JSON.stringify(await redis.hgetall(key))
            : type === 'list'
              ? JSON.stringify(await redis.lrange(key, 0, -1))
              : type === 'set'
                ? JSON.stringify(await redis.smembers(key))
                : type === 'zset'
                  ? JSON.stringify(await redis.zrange(key, 0, -1))
                  : type === 'stream'
                    ? JSON.stringify(await redis.xrange(key, '-', '+'))
                    : '';
      const text = `${key} ${value ?? ''}`.toLowerCase();
      if (TRACES.some((trace) => text.includes(trace))) found.push(key);
    }
    return { keys: keys.length, found };
  } finally {
    redis.disconnect();
  }
}

describe.each(drivers)("a professional's erasure (%s)", (driver) => {
  let database: Database;
  let drop: () => Promise<void>;
  let app: InfoviewApp;
  const queueName = `iv-test-erasure-${crypto.randomUUID()}`;

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase(driver));
    // With Redis, the reminders go through BullMQ (a worker in this process), so there is a queue to scan.
    const config = testConfig({
      ...(redisUrl ? { redisUrl } : {}),
      reminders: reminderConfig({ pollIntervalMs: 200, queueName, workerInProcess: true }),
    });
    app = await buildApp(config, { database });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('erases them from every student, lists them, leaves counts only, and no table or Redis key names them', async () => {
    const { adminKey } = await seedTenant(database.db, { sandbox: true });
    const t0 = new Date('2031-03-03T09:00:00.000Z');
    expect(
      (await call(app, 'POST', '/test-clock', { key: adminKey, body: { at: t0.toISOString() } })).statusCode,
    ).toBe(200);
    const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
      const res = await call(app, 'POST', url, { key: adminKey, body, headers });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
      return res;
    };
    const studentA = (
      await post('/students', { externalId: 'era-a', name: 'Ada Student', timeZone: 'UTC' })
    ).json();
    const studentB = (
      await post('/students', { externalId: 'era-b', name: 'Bo Student', timeZone: 'UTC' })
    ).json();

    // Student A knows Robin by everything; student B only by the profile URL (found through A's contact).
    const robinA = (
      await post(
        '/contacts',
        { studentId: studentA.id, ...ROBIN, organization: 'Erasure Corp', source: 'alumni_directory' },
        { 'idempotency-key': 'era-contact-a' },
      )
    ).json();
    const robinB = (
      await post('/contacts', {
        studentId: studentB.id,
        name: 'R. Erasable',
        profileUrl: 'http://LinkedIn.com/in/robin-erasable',
        source: 'online_network',
      })
    ).json();
    const casey = (
      await post('/contacts', {
        studentId: studentA.id,
        name: 'Casey Keeps',
        email: 'casey@keeps.example',
        source: 'friend',
        foundVia: 'Robin Erasable suggested I write',
      })
    ).json();

    const interviewA = await post('/interviews', { contactId: robinA.id, topics: ['career_change'] });
    await post(
      `/interviews/${interviewA.json().id}/attempts`,
      { channel: 'email', at: t0.toISOString() },
      { 'if-match': interviewA.headers.etag as string },
    );
    await post('/messages', {
      kind: 'outreach',
      subject: 'Hello Robin Erasable',
      body: `Dear Robin Erasable, I found you at ${ROBIN.profileUrl}; may I call ${ROBIN.phone}?`,
      interviewId: interviewA.json().id,
    });
    const interviewB = await post('/interviews', { contactId: robinB.id, topics: ['career_change'] });
    await post(
      `/interviews/${interviewB.json().id}/attempts`,
      { channel: 'message', at: t0.toISOString() },
      { 'if-match': interviewB.headers.etag as string },
    );
    const interviewC = await post('/interviews', { contactId: casey.id, topics: ['career_change'] });
    await post(
      `/interviews/${interviewC.json().id}/attempts`,
      { channel: 'email', at: t0.toISOString() },
      { 'if-match': interviewC.headers.etag as string },
    );
    // Two weeks on, the follow-ups fall due and are delivered: feed items that name Robin.
    await post('/test-clock/advance', { by: 'P14D' });
    await waitFor('the follow-up feed items', async () => {
      const page = await call(app, 'GET', '/feed', { key: adminKey, query: { studentId: studentA.id } });
      return page.json().data.some((f: { title: string }) => f.title.includes('Robin Erasable')) || undefined;
    });
    expect((await tablesMentioning(database)).length).toBeGreaterThan(0);

    const erased = await call(app, 'POST', '/professional-erasures', {
      key: adminKey,
      body: { email: 'robin.erasable@example.org' },
    });
    expect(erased.statusCode, erased.body).toBe(201);
    expect(erased.headers.location).toBe(`/professional-erasures/${erased.json().id}`);
    expect(erased.json().counts).toMatchObject({
      contacts: 2,
      interviews: 2,
      messages: 1,
      doNotContactEntries: 2,
    });
    expect(erased.json().counts.feedItems).toBeGreaterThan(0);
    expect(erased.json().counts.tasks).toBeGreaterThan(0);
    expect(erased.json().counts.idempotencyRecords).toBeGreaterThan(0);
    expect(erased.body.toLowerCase()).not.toMatch(/robin|erasable/);

    expect(await tablesMentioning(database)).toEqual([]);
    if (redisUrl) {
      const scanned = await redisMentioning(redisUrl, queueName);
      expect(scanned.keys).toBeGreaterThan(0);
      expect(scanned.found).toEqual([]);
    }

    // What others wrote of them is redacted, the rest kept.
    const kept = await call(app, 'GET', `/contacts/${casey.id}`, { key: adminKey });
    expect(kept.json().foundVia).toBe('[erased] suggested I write');
    expect((await call(app, 'GET', `/contacts/${robinA.id}`, { key: adminKey })).statusCode).toBe(404);

    // On the list now, by both identities: a new contact for them is refused, for any student.
    for (const body of [
      { studentId: studentB.id, name: 'Robin', email: 'robin.erasable@example.org', source: 'friend' },
      { studentId: studentA.id, name: 'Robin', profileUrl: ROBIN.profileUrl, source: 'friend' },
    ]) {
      const res = await call(app, 'POST', '/contacts', { key: adminKey, body });
      expect(problemOf(res).code).toBe('contact.do_not_contact');
    }
    const list = await call(app, 'GET', '/do-not-contact', { key: adminKey });
    expect(list.json().data.map((e: { reason: string }) => e.reason)).toEqual(['erased', 'erased']);
    // Erasing again finds nothing more and adds nothing.
    const again = await call(app, 'POST', '/professional-erasures', {
      key: adminKey,
      body: { profileUrl: ROBIN.profileUrl },
    });
    expect(again.json().counts).toMatchObject({ contacts: 0, doNotContactEntries: 0 });
  });
});
