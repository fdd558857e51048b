import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { reminders } from '../../src/db/schema/reminders.js';
import { BullmqDriver } from '../../src/reminders/bullmq-driver.js';
import { createTestDatabase, drivers } from '../helper.js';
import {
  dispatcherFor,
  type Receiver,
  reminderConfig,
  seedEndpoint,
  seedReminders,
  seedStudent,
  seedTenant,
  silentLog,
  startReceiver,
  waitFor,
} from './fixtures.js';
import { RedisProcess, redisServerBinary, requireRedisUrl } from './redis.js';

const redisUrl = requireRedisUrl();

describe.skipIf(!redisUrl).each(drivers)('reminders, BullMQ driver (%s)', (driver) => {
  let database: Database;
  let drop: () => Promise<void>;
  let receiver: Receiver;

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase(driver));
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await drop?.();
  });

  /** A fresh queue per test (BullMQ's own habit), a worker in this process, no periodic reconcile. */
  function newDriver(worker = true) {
    const db = database.db;
    const settings = reminderConfig();
    return new BullmqDriver({
      db,
      dispatcher: dispatcherFor(db, settings),
      log: silentLog,
      redisUrl: redisUrl!,
      queueName: `iv-test-${crypto.randomUUID()}`,
      worker,
      concurrency: 10,
      lockDurationMs: 5000,
      reconcileIntervalMs: 0,
    });
  }

  async function setup() {
    const db = database.db;
    const { tenantId } = await seedTenant(db);
    const studentId = await seedStudent(db, tenantId);
    const endpoint = await seedEndpoint(db, tenantId, receiver.url);
    receiver.secrets.push(endpoint.secret);
    return { db, tenantId, studentId };
  }
  const rowsOf = (studentId: string) =>
    database.db
      .select()
      .from(reminders)
      .where(eq(reminders.studentId, studentId))
      .orderBy(reminders.remindAt);

  it('one delayed job per reminder, its id the reminder id; delivered on time, exactly once', async () => {
    const { db, tenantId, studentId } = await setup();
    const since = new Date(Date.now() - 1000);
    const t0 = Date.now();
    await seedReminders(db, tenantId, studentId, [
      { key: 'a', remindAt: new Date(t0 - 100) },
      { key: 'b', remindAt: new Date(t0 + 800) },
      { key: 'c', remindAt: new Date(t0 + 3_600_000) },
    ]);
    const bull = newDriver();
    await bull.start();
    try {
      await bull.afterCommit(tenantId, since);
      // Enqueueing again (the reconciler, a retried request) is a no-op: same job ids.
      await bull.afterCommit(tenantId, since);
      const rows = await rowsOf(studentId);
      const ids = rows.map((r) => r.id).sort();
      const jobs = await bull.queue.getJobs(['delayed', 'wait', 'active', 'prioritized']);
      for (const job of jobs) expect(ids).toContain(job.id);
      expect(jobs.map((j) => j.id)).toContain(rows.find((r) => r.sourceKey === 'c')!.id);
      await waitFor(
        'two delivered',
        async () => (await rowsOf(studentId)).filter((r) => r.status === 'delivered').length === 2,
      );
      await new Promise((r) => setTimeout(r, 300));
      const after = await rowsOf(studentId);
      expect(after.map((r) => r.status)).toEqual(['delivered', 'delivered', 'pending']);
      const hits = receiver.received.filter((h) => ids.includes(h.data.reminderId));
      expect(hits).toHaveLength(2);
      for (const hit of hits) expect(hit.receivedAt).toBeGreaterThanOrEqual(Date.parse(hit.data.remindAt));
      await bull.ping();
    } finally {
      await bull.stop();
    }
  });

  it('the reconciler re-creates lost jobs and drops the jobs of cancelled reminders', async () => {
    const { db, tenantId, studentId } = await setup();
    const far = new Date(Date.now() + 3_600_000);
    await seedReminders(db, tenantId, studentId, [
      { key: 'keep', remindAt: far },
      { key: 'cancel', remindAt: far },
    ]);
    const bull = newDriver(false);
    await bull.start();
    try {
      // start() reconciled once already: both jobs exist (with any other test's pending rows).
      const ids = (await rowsOf(studentId)).map((r) => r.id);
      for (const id of ids) expect(await bull.queue.getJob(id)).toBeDefined();
      expect(await bull.reconcile()).toEqual({ enqueued: 0, removed: 0 });
      // The student's task list changed: "cancel" no longer applies (syncReminders cancels it).
      await seedReminders(db, tenantId, studentId, [{ key: 'keep', remindAt: far }]);
      expect(await bull.reconcile()).toEqual({ enqueued: 0, removed: 1 });
      // Redis lost everything (a crash without persistence, a FLUSHALL): rebuilt from PostgreSQL.
      await bull.queue.obliterate({ force: true });
      expect((await bull.reconcile()).enqueued).toBeGreaterThanOrEqual(1);
      const keep = (await rowsOf(studentId)).find((r) => r.sourceKey === 'keep')!;
      const job = await bull.queue.getJob(keep.id);
      expect(await job!.isDelayed()).toBe(true);
      expect(job!.timestamp + job!.delay).toBeGreaterThan(far.getTime() - 5000);
    } finally {
      await bull.queue.obliterate({ force: true });
      await bull.stop();
    }
  });
});

const redisBin = redisServerBinary();

describe.skipIf(!redisBin)('reminders, BullMQ driver start-up', () => {
  it('warns when Redis may evict jobs (maxmemory-policy is not noeviction)', async () => {
    const redis = await RedisProcess.start(redisBin!);
    const { database, drop } = await createTestDatabase('pglite');
    const warnings: string[] = [];
    const log = { ...silentLog, warn: (_: object, msg?: string) => warnings.push(msg ?? '') };
    try {
      const { Redis } = await import('ioredis');
      const admin = new Redis(redis.url);
      await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
      admin.disconnect();
      const bull = new BullmqDriver({
        db: database.db,
        dispatcher: dispatcherFor(database.db, reminderConfig()),
        log,
        redisUrl: redis.url,
        queueName: 'iv-evict',
        worker: false,
        concurrency: 1,
        lockDurationMs: 5000,
        reconcileIntervalMs: 0,
      });
      await bull.start();
      await bull.stop();
      expect(warnings.some((w) => w.includes('maxmemory-policy is "allkeys-lru"'))).toBe(true);
    } finally {
      await drop();
      await redis.stop();
    }
  });
});
