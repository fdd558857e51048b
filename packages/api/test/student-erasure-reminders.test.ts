import { eq, inArray } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import { reminders } from '../src/db/schema/reminders.js';
import { BullmqDriver, SLOT_MS, slotJobId } from '../src/reminders/bullmq-driver.js';
import { eraseStudent } from '../src/services/erasures/erase-student.js';
import { createStudent } from '../src/services/students/create.js';
import { createTestDatabase, drivers } from './helper.js';
import {
  adminCtx,
  dispatcherFor,
  type Receiver,
  reminderConfig,
  seedEndpoint,
  seedReminders,
  seedTenant,
  silentLog,
  startReceiver,
  waitFor,
} from './reminders/fixtures.js';
import { requireRedisUrl } from './reminders/redis.js';
import { findEverywhere } from './student-data-fixture.js';

const redisUrl = requireRedisUrl();

/** Every key of the Redis database whose value (of any type) contains one of the strings. */
async function redisKeysHolding(redis: Redis, needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      let values: string[] = [];
      if (type === 'string') values = [(await redis.get(key)) ?? ''];
      else if (type === 'hash') values = Object.entries(await redis.hgetall(key)).flat();
      else if (type === 'list') values = await redis.lrange(key, 0, -1);
      else if (type === 'set') values = await redis.smembers(key);
      else if (type === 'zset') values = await redis.zrange(key, 0, -1);
      else if (type === 'stream') values = (await redis.xrange(key, '-', '+')).flat(3).map(String);
      const text = [key, ...values].join('\n').toLowerCase();
      if (needles.some((n) => text.includes(n.toLowerCase()))) hits.push(key);
    }
  } while (cursor !== '0');
  return hits;
}

describe.skipIf(!redisUrl).each(drivers)('erasure and the reminder worker (%s)', (driver) => {
  let database: Database;
  let drop: () => Promise<void>;
  let receiver: Receiver;
  let redis: Redis;

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase(driver));
    receiver = await startReceiver();
    redis = new Redis(redisUrl!, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    redis?.disconnect();
    await receiver?.close();
    await drop?.();
  });

  it('reminders already queued and claimed are never sent after the erasure; their jobs go', async () => {
    const db = database.db;
    const { tenantId } = await seedTenant(db);
    const endpoint = await seedEndpoint(db, tenantId, receiver.url);
    receiver.secrets.push(endpoint.secret);
    const tag = crypto.randomUUID().slice(0, 8);
    const person = { name: `Ines Varga${tag}`, email: `ines.${tag}@student.example` };
    const erased = await createStudent({
      ctx: adminCtx(db, tenantId),
      input: { externalId: `e-${tag}`, name: person.name, email: person.email, timeZone: 'UTC' },
    });
    const control = await createStudent({
      ctx: adminCtx(db, tenantId),
      input: { externalId: `c-${tag}`, name: 'Control Student', email: null, timeZone: 'UTC' },
    });
    const since = new Date(Date.now() - 1000);
    // Due in 2 s: inside the queue's look-ahead, so the worker claims them at once and holds them.
    const soon = new Date(Date.now() + 2000);
    const later = Math.ceil((Date.now() + 3_600_000) / SLOT_MS) * SLOT_MS + 500;
    await seedReminders(db, tenantId, erased.id, [
      { key: `soon-${tag}`, remindAt: soon },
      { key: `later-${tag}`, remindAt: new Date(later) },
    ]);
    await seedReminders(db, tenantId, control.id, [{ key: `control-${tag}`, remindAt: soon }]);
    const rowsOf = (studentId: string) =>
      db.select().from(reminders).where(eq(reminders.studentId, studentId));
    const erasedIds = (await rowsOf(erased.id)).map((r) => r.id);
    const [controlRow] = await rowsOf(control.id);
    expect(erasedIds).toHaveLength(2);
    expect(controlRow).toBeTruthy();

    const settings = reminderConfig();
    const bull = new BullmqDriver({
      db,
      dispatcher: dispatcherFor(db, settings),
      log: silentLog,
      redisUrl: redisUrl!,
      queueName: `iv-test-erasure-${crypto.randomUUID()}`,
      worker: true,
      concurrency: 10,
      lockDurationMs: 5000,
      reconcileIntervalMs: 0,
    });
    await bull.start();
    try {
      await bull.afterCommit(tenantId, since);
      expect(await bull.queue.getJob(slotJobId(later))).toBeTruthy();
      // The worker has claimed the near one (look-ahead) and waits for its time.
      await waitFor('the erased student’s reminder claimed ahead', async () => {
        const rows = await db.select().from(reminders).where(inArray(reminders.id, erasedIds));
        return rows.some((r) => r.status === 'delivering');
      });

      const audit = await eraseStudent({
        ctx: adminCtx(db, tenantId),
        input: { id: erased.id, expectedVersion: 'any' },
      });
      expect(audit.counts.reminders).toBe(2);
      const { removed } = await bull.reconcile();
      expect(removed).toBeGreaterThanOrEqual(1);
      expect(await bull.queue.getJob(slotJobId(later))).toBeFalsy();

      // The control student's reminder of the same second is sent: the worker was working.
      await waitFor('the control reminder delivered', async () =>
        receiver.received.some((h) => h.data.reminderId === controlRow!.id),
      );
      await new Promise((r) => setTimeout(r, 1000));
      expect(receiver.received.filter((h) => erasedIds.includes(h.data.reminderId))).toEqual([]);
      expect((await rowsOf(control.id))[0]!.status).toBe('delivered');

      const needles = [person.name, person.email];
      expect(await findEverywhere(db, needles)).toEqual({});
      expect(await redisKeysHolding(redis, [...needles, erased.id])).toEqual([]);
    } finally {
      await bull.queue.obliterate({ force: true });
      await bull.stop();
    }
  }, 120_000);
});
