import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { reminders } from '../../src/db/schema/reminders.js';
import { BullmqDriver, SLOT_MS, slotJobId } from '../../src/reminders/bullmq-driver.js';
import { LOOKAHEAD_MS } from '../../src/reminders/dispatcher.js';
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

  it('one delayed job per second that has reminders, its id that second; delivered on time, exactly once', async () => {
    const { db, tenantId, studentId } = await setup();
    const since = new Date(Date.now() - 1000);
    const t0 = Date.now();
    const later = Math.ceil((t0 + 3_600_000) / SLOT_MS) * SLOT_MS;
    await seedReminders(db, tenantId, studentId, [
      { key: 'a', remindAt: new Date(t0 - 100) },
      { key: 'b', remindAt: new Date(t0 + 800) },
      // Five reminders in one second an hour from now: one job between them.
      ...[0, 100, 200, 300, 999].map((ms) => ({ key: `c${ms}`, remindAt: new Date(later + ms) })),
    ]);
    const bull = newDriver();
    await bull.start();
    try {
      await bull.afterCommit(tenantId, since);
      // Enqueueing again (the reconciler, a retried request) is a no-op: same job ids.
      await bull.afterCommit(tenantId, since);
      const jobs = await bull.queue.getJobs(['delayed', 'wait', 'active', 'prioritized']);
      const ids = jobs.map((j) => j.id);
      expect(new Set(ids).size).toBe(ids.length);
      const hour = jobs.filter((j) => j.id === slotJobId(later));
      expect(hour).toHaveLength(1);
      expect(await hour[0]!.isDelayed()).toBe(true);
      // It fires a look-ahead before the second (BullMQ stamps the job a moment after the delay
      // was computed).
      const fires = hour[0]!.timestamp + hour[0]!.delay;
      expect(fires - (later - LOOKAHEAD_MS)).toBeGreaterThanOrEqual(0);
      expect(fires - (later - LOOKAHEAD_MS)).toBeLessThan(100);
      // Every job is a second of some reminder of this test (or of another test's pending rows).
      for (const id of ids) expect(id).toMatch(/^t\d+$/);
      const rows = await rowsOf(studentId);
      const mine = rows.map((r) => r.id);
      await waitFor(
        'two delivered',
        async () => (await rowsOf(studentId)).filter((r) => r.status === 'delivered').length === 2,
      );
      await new Promise((r) => setTimeout(r, 300));
      const after = await rowsOf(studentId);
      expect(after.map((r) => r.status)).toEqual(['delivered', 'delivered', ...Array(5).fill('pending')]);
      const hits = receiver.received.filter((h) => mine.includes(h.data.reminderId));
      expect(hits).toHaveLength(2);
      for (const hit of hits) expect(hit.receivedAt).toBeGreaterThanOrEqual(Date.parse(hit.data.remindAt));
      await bull.ping();
    } finally {
      await bull.queue.obliterate({ force: true });
      await bull.stop();
    }
  });

  it("a reminder committed while its second's job is finishing is still delivered", async () => {
    const { db, tenantId, studentId } = await setup();
    const dispatcher = dispatcherFor(db, reminderConfig());
    const bull = new BullmqDriver({
      db,
      dispatcher,
      log: silentLog,
      redisUrl: redisUrl!,
      queueName: `iv-test-${crypto.randomUUID()}`,
      worker: true,
      concurrency: 10,
      lockDurationMs: 5000,
      reconcileIntervalMs: 0,
    });
    // The window: the job's last look found nothing, the job is not yet gone, and a request
    // commits a reminder due now; its afterCommit finds the job still there and adds nothing.
    const runUntil = dispatcher.runUntil.bind(dispatcher);
    let injected = false;
    dispatcher.runUntil = async (until, wake) => {
      const n = await runUntil(until, wake);
      if (!injected) {
        injected = true;
        const since = new Date(Date.now() - 1000);
        await seedReminders(db, tenantId, studentId, [{ key: 'late', remindAt: new Date(Date.now() - 5) }]);
        await bull.afterCommit(tenantId, since);
      }
      return n;
    };
    await bull.start();
    try {
      await bull.ensureSlots([Date.now()]);
      await waitFor('delivered', async () => (await rowsOf(studentId))[0]?.status === 'delivered');
    } finally {
      await bull.queue.obliterate({ force: true });
      await bull.stop();
    }
  });

  it('the reconciler re-creates lost jobs and drops the jobs of cancelled reminders', async () => {
    const { db, tenantId, studentId } = await setup();
    const far = Math.ceil((Date.now() + 3_600_000) / SLOT_MS) * SLOT_MS;
    await seedReminders(db, tenantId, studentId, [
      { key: 'keep', remindAt: new Date(far + 10) },
      { key: 'cancel', remindAt: new Date(far + 5 * SLOT_MS) },
    ]);
    const bull = newDriver(false);
    await bull.start();
    try {
      // start() reconciled once already: both seconds have a job (with any other test's pending rows).
      expect(await bull.queue.getJob(slotJobId(far))).toBeDefined();
      expect(await bull.queue.getJob(slotJobId(far + 5 * SLOT_MS))).toBeDefined();
      expect(await bull.reconcile()).toEqual({ enqueued: 0, removed: 0 });
      // The student's task list changed: "cancel" no longer applies (syncReminders cancels it).
      await seedReminders(db, tenantId, studentId, [{ key: 'keep', remindAt: new Date(far + 10) }]);
      expect(await bull.reconcile()).toEqual({ enqueued: 0, removed: 1 });
      expect(await bull.queue.getJob(slotJobId(far + 5 * SLOT_MS))).toBeUndefined();
      // Redis lost everything (a crash without persistence, a FLUSHALL): rebuilt from PostgreSQL.
      await bull.queue.obliterate({ force: true });
      expect((await bull.reconcile()).enqueued).toBeGreaterThanOrEqual(1);
      const job = await bull.queue.getJob(slotJobId(far));
      expect(await job!.isDelayed()).toBe(true);
      expect(job!.timestamp + job!.delay - (far - LOOKAHEAD_MS)).toBeGreaterThanOrEqual(0);
      expect(job!.timestamp + job!.delay - (far - LOOKAHEAD_MS)).toBeLessThan(100);
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
