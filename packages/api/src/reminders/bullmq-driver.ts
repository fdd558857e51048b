import { type JobsOptions, Queue, Worker } from 'bullmq';
import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import type { Db } from '../db/client.js';
import { reminders } from '../db/schema/reminders.js';
import { testClocks } from '../db/schema/test-clocks.js';
import type { ServiceLogger } from '../services/context.js';
import { LOOKAHEAD_MS, type ReminderDispatcher } from './dispatcher.js';
import type { ReminderDriver } from './driver.js';

export interface BullmqDriverOptions {
  db: Db;
  dispatcher: ReminderDispatcher;
  log: ServiceLogger;
  redisUrl: string;
  queueName: string;
  /** Run a worker in this process too (the worker process, or a small install's API). */
  worker: boolean;
  concurrency: number;
  lockDurationMs: number;
  /** 0 turns the periodic reconciler off (it still runs once at start). */
  reconcileIntervalMs: number;
  clock?: () => Date;
}

/** A job only says "reminders fall due in this second"; the worker decides in PostgreSQL. */
const JOB_NAME = 'due';

// Retries are for the infrastructure (PostgreSQL unreachable…); channel retries live in the rows.
// Kept short, since every job stores its options: the back-off is the worker's (`backoff` below),
// and completed or failed jobs are removed by the worker's settings, so the reconciler can
// enqueue the second again.
const JOB_OPTIONS: JobsOptions = { attempts: 12, backoff: { type: 'custom' } };

/** Exponential back-off from a second, with jitter: each wait is 50–100 % of 2^(n−1) s. */
export function backoff(attemptsMade: number): number {
  const delay = 1000 * 2 ** Math.max(attemptsMade - 1, 0);
  return Math.round(delay * (0.5 + Math.random() * 0.5));
}

/** One job per second that has reminders in it. */
export const SLOT_MS = 1000;
const PAGE = 5000;

/** The deterministic id of a slot's job: `t` and the slot's start in epoch seconds. */
export const slotJobId = (slot: number) => `t${Math.floor(slot / SLOT_MS)}`;
const slotOfJobId = (id: string | undefined) =>
  id && /^t\d+$/.test(id) ? Number(id.slice(1)) * SLOT_MS : undefined;
const slotOf = (at: number) => Math.floor(at / SLOT_MS) * SLOT_MS;

/**
 * BullMQ: one delayed job per second in which reminders fall due, its id that second (so
 * enqueueing twice is a no-op, and a burst of 10,000 reminders in one second is one job, not
 * 10,000). The job's worker delivers everything due until the second has passed; a reconciler
 * rebuilds Redis from PostgreSQL (after a crash, an eviction, or a FLUSHALL) and drops the
 * jobs of seconds whose reminders were all cancelled or delivered.
 */
export class BullmqDriver implements ReminderDriver {
  readonly name = 'bullmq' as const;
  readonly queue: Queue;
  private readonly producer: Redis;
  private workerConnection: Redis | undefined;
  private bullWorker: Worker | undefined;
  private reconcileTimer: NodeJS.Timeout | undefined;
  private reconciling: Promise<unknown> | undefined;
  private readonly clock: () => Date;

  constructor(private readonly options: BullmqDriverOptions) {
    this.clock = options.clock ?? (() => new Date());
    // Producers fail fast: a request must not hang on a Redis that is down (the reconciler catches up).
    this.producer = new Redis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
    });
    this.producer.on('error', (err) => options.log.warn({ err }, 'redis (producer) error'));
    this.queue = new Queue(options.queueName, { connection: this.producer, defaultJobOptions: JOB_OPTIONS });
    this.queue.on('error', () => {});
  }

  async start(): Promise<void> {
    if (this.producer.status !== 'ready') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5000);
        this.producer.once('ready', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    await this.warnUnlessNoEviction();
    if (this.options.worker) this.startWorker();
    // At start, before anything else: whatever Redis lost while we were down comes back.
    await this.reconcileAndLog();
    if (this.options.reconcileIntervalMs > 0) this.scheduleReconcile(this.options.reconcileIntervalMs);
  }

  private reconcileAndLog(): Promise<unknown> {
    this.reconciling = this.reconcile()
      .then((r) => {
        if (r.enqueued > 0 || r.removed > 0) this.options.log.info(r, 'reminder queue reconciled');
      })
      .catch((err: Error) => this.options.log.warn({ err }, 'reminder reconcile failed'));
    return this.reconciling;
  }

  private startWorker(): void {
    // Workers wait for Redis forever instead of failing jobs (BullMQ's production advice).
    this.workerConnection = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
    this.workerConnection.on('error', (err) => this.options.log.warn({ err }, 'redis (worker) error'));
    const wake = (times: readonly number[]) => this.ensureSlots(times);
    this.bullWorker = new Worker(
      this.options.queueName,
      async (job) => {
        const slot = slotOfJobId(job.id) ?? slotOf(this.clock().getTime());
        await this.options.dispatcher.runUntil(slot + SLOT_MS, wake);
      },
      {
        connection: this.workerConnection,
        concurrency: this.options.concurrency,
        lockDuration: this.options.lockDurationMs,
        stalledInterval: this.options.lockDurationMs,
        maxStalledCount: 10,
        removeOnComplete: { count: 0 },
        removeOnFail: { count: 0 },
        settings: { backoffStrategy: backoff },
      },
    );
    this.bullWorker.on('error', (err) => this.options.log.warn({ err }, 'reminder worker error'));
    this.bullWorker.on('failed', (job, err) =>
      this.options.log.warn({ job: job?.id, err }, 'reminder job failed'),
    );
    // A row committed into this second while its job was finishing found the job still there
    // and enqueued nothing; now that the job is gone, look once more.
    this.bullWorker.on('completed', (job) => {
      const slot = slotOfJobId(job.id);
      if (slot !== undefined) void this.recheck(slot + SLOT_MS);
    });
  }

  private async recheck(until: number): Promise<void> {
    try {
      const next = await this.options.dispatcher.nextWakeAt();
      if (next && next.getTime() < until) await this.ensureSlots([next.getTime()]);
    } catch (err) {
      this.options.log.warn({ err }, 'reminder re-check failed');
    }
  }

  async stop(): Promise<void> {
    clearTimeout(this.reconcileTimer);
    this.reconcileTimer = undefined;
    // Graceful drain: close() waits for the jobs in progress.
    await this.bullWorker?.close();
    await this.reconciling?.catch(() => {});
    await this.queue.close().catch(() => {});
    this.workerConnection?.disconnect();
    this.producer.disconnect();
  }

  async ping(): Promise<void> {
    await this.producer.ping();
  }

  async afterCommit(tenantId: string, since: Date): Promise<void> {
    const slots = await this.slotsOf(
      and(
        eq(reminders.tenantId, tenantId),
        sql`${reminders.updatedAt} >= ${since.toISOString()}::timestamptz`,
      ),
    );
    await this.enqueueSlots(slots);
  }

  async wakeTenant(tenantId: string): Promise<number> {
    // A test clock jumped: deliver from here. Test-clock tenants' reminders have no jobs (their
    // time only moves when the clock is advanced); their retries do, on real time.
    return this.options.dispatcher.dispatchDue({ tenantId, wake: (times) => this.ensureSlots(times) });
  }

  /** Makes sure a job wakes up in each of these (real-time) instants' seconds. */
  ensureSlots(times: readonly number[]): Promise<void> {
    const now = slotOf(this.clock().getTime());
    return this.enqueueSlots([...new Set(times.map((t) => Math.max(slotOf(t), now)))]);
  }

  /** Enqueues a job per slot; a slot whose job exists is left alone (same job id). */
  private async enqueueSlots(slots: readonly number[]): Promise<void> {
    if (slots.length === 0) return;
    const now = this.clock().getTime();
    for (let i = 0; i < slots.length; i += 1000) {
      await this.queue.addBulk(
        slots.slice(i, i + 1000).map((slot) => ({
          name: JOB_NAME,
          data: {},
          // From a little before the second: its rows are claimed and prepared ahead, sent on time.
          opts: { ...JOB_OPTIONS, jobId: slotJobId(slot), delay: Math.max(slot - LOOKAHEAD_MS - now, 0) },
        })),
      );
    }
  }

  /**
   * Makes Redis match PostgreSQL: every second with a pending (or in-flight) reminder has a
   * job, and no future second's job outlives its reminders. Safe to run anywhere, any time: a
   * duplicate job is harmless. Redis is read before PostgreSQL, so a job enqueued meanwhile
   * (for a row committed meanwhile) is never taken for stale.
   */
  async reconcile(): Promise<{ enqueued: number; removed: number }> {
    const keys = this.queue.keys;
    const [delayed, waiting, prioritized, active] = await Promise.all([
      this.producer.zrange(keys.delayed!, 0, -1),
      this.producer.lrange(keys.wait!, 0, -1),
      this.producer.zrange(keys.prioritized!, 0, -1),
      this.producer.lrange(keys.active!, 0, -1),
    ]);
    const queued = new Set([...delayed, ...waiting, ...prioritized, ...active]);
    const needed = new Set<number>();
    let after: number | undefined;
    for (;;) {
      const page = await this.slotsOf(undefined, after, PAGE);
      for (const slot of page) needed.add(slot);
      if (page.length < PAGE) break;
      after = page.at(-1);
    }
    const missing = [...needed].filter((slot) => !queued.has(slotJobId(slot)));
    await this.enqueueSlots(missing);
    const current = slotOf(this.clock().getTime());
    let removed = 0;
    for (const id of [...delayed, ...waiting, ...prioritized]) {
      const slot = slotOfJobId(id);
      // A past second's job is about to run and costs one query; only future ones are dropped.
      if (slot === undefined || slot <= current || needed.has(slot)) continue;
      removed += await this.queue.remove(id).catch(() => 0);
    }
    return { enqueued: missing.length, removed };
  }

  private scheduleReconcile(delay: number): void {
    this.reconcileTimer = setTimeout(() => {
      void this.reconcileAndLog().finally(() => {
        if (this.reconcileTimer !== undefined) this.scheduleReconcile(this.options.reconcileIntervalMs);
      });
    }, delay);
    this.reconcileTimer.unref?.();
  }

  /**
   * The seconds (real time) in which reminders need a look, ascending: pending reminders of
   * tenants on real time at `remind_at`, in-flight ones when their lease or retry runs out.
   * Anything already due maps to the current second. Test-clock tenants' pending reminders are
   * left out: they fall due when the clock is advanced, which delivers them there and then.
   */
  private async slotsOf(where: SQL | undefined, after?: number, limit?: number): Promise<number[]> {
    const now = slotOf(this.clock().getTime());
    const wake = sql`case when ${reminders.status} = 'delivering' then ${reminders.lockedUntil} else ${reminders.remindAt} end`;
    // Numbers inlined, not bound: GROUP BY must see the very expression the SELECT has.
    const slot = sql<string>`greatest(floor(extract(epoch from ${wake}) * 1000 / ${sql.raw(String(SLOT_MS))}) * ${sql.raw(String(SLOT_MS))}, ${sql.raw(String(now))})::bigint`;
    const query = this.options.db
      .select({ slot })
      .from(reminders)
      .where(
        and(
          or(
            and(
              eq(reminders.status, 'pending'),
              sql`not exists (select 1 from ${testClocks} where ${testClocks.tenantId} = ${reminders.tenantId})`,
            ),
            eq(reminders.status, 'delivering'),
          ),
          where,
          after === undefined ? undefined : sql`${slot} > ${after}`,
        ),
      )
      .groupBy(slot)
      .orderBy(slot);
    const rows = limit ? await query.limit(limit) : await query;
    return rows.map((r) => Number(r.slot));
  }
  private async warnUnlessNoEviction(): Promise<void> {
    try {
      const reply = (await this.producer.config('GET', 'maxmemory-policy')) as string[];
      const policy = reply[1];
      if (policy !== 'noeviction') {
        this.options.log.warn(
          { policy },
          `Redis maxmemory-policy is "${policy}", not "noeviction": Redis may evict reminder jobs (the reconciler re-creates them, late)`,
        );
      }
    } catch (err) {
      this.options.log.warn({ err }, 'could not read Redis maxmemory-policy');
    }
  }
}
