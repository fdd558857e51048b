import { DelayedError, type JobsOptions, Queue, Worker } from 'bullmq';
import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import type { Db } from '../db/client.js';
import { reminders } from '../db/schema/reminders.js';
import { testClocks } from '../db/schema/test-clocks.js';
import type { ServiceLogger } from '../services/context.js';
import type { ReminderDispatcher } from './dispatcher.js';
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

/** A job only says "reminder X may be due"; the worker decides in PostgreSQL. */
const JOB_NAME = 'due';

// Retries are for the infrastructure (PostgreSQL unreachable…); channel retries live in the rows.
const JOB_OPTIONS: JobsOptions = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
  removeOnComplete: true,
  // A failed job keeps its id; removing it lets the reconciler enqueue the reminder again.
  removeOnFail: true,
};

const PAGE = 5000;

/**
 * BullMQ: one delayed job per pending reminder, its id the reminder id (so enqueueing twice is a
 * no-op), and a reconciler that rebuilds Redis from PostgreSQL (after a crash, an eviction, or a
 * FLUSHALL) and drops jobs whose reminder was cancelled or delivered.
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
    this.producer.on('error', (err) => options.log.warn({ err: err.message }, 'redis (producer) error'));
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
      .catch((err: Error) => this.options.log.warn({ err: err.message }, 'reminder reconcile failed'));
    return this.reconciling;
  }

  private startWorker(): void {
    // Workers wait for Redis forever instead of failing jobs (BullMQ's production advice).
    this.workerConnection = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null });
    this.workerConnection.on('error', (err) =>
      this.options.log.warn({ err: err.message }, 'redis (worker) error'),
    );
    this.bullWorker = new Worker(
      this.options.queueName,
      async (job, token) => {
        const outcome = await this.options.dispatcher.dispatchOne(job.id!);
        if (outcome.wakeAt) {
          // Not due yet, held by another dispatcher, or a channel retry: sleep on it.
          await job.moveToDelayed(outcome.wakeAt.getTime(), token);
          throw new DelayedError();
        }
      },
      {
        connection: this.workerConnection,
        concurrency: this.options.concurrency,
        lockDuration: this.options.lockDurationMs,
        stalledInterval: this.options.lockDurationMs,
        maxStalledCount: 10,
        removeOnComplete: { count: 0 },
        removeOnFail: { count: 0 },
      },
    );
    this.bullWorker.on('error', (err) =>
      this.options.log.warn({ err: err.message }, 'reminder worker error'),
    );
    this.bullWorker.on('failed', (job, err) =>
      this.options.log.warn({ reminderId: job?.id, err: err.message }, 'reminder job failed'),
    );
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
    const rows = await this.scheduleOf(
      and(
        eq(reminders.tenantId, tenantId),
        eq(reminders.status, 'pending'),
        sql`${reminders.updatedAt} >= ${since.toISOString()}::timestamptz`,
      ),
    );
    if (rows.length === 0) return;
    const existing = await this.existing(rows.map((r) => r.id));
    await this.enqueue(rows.filter((r) => !existing.has(r.id)));
    // A due time moved earlier: pull the delayed job forward (moved later, the worker re-sleeps).
    for (const row of rows.filter((r) => existing.has(r.id))) {
      const job = await this.queue.getJob(row.id);
      if (job && (await job.isDelayed()) && job.timestamp + (job.delay ?? 0) > row.wakeAt + 1000) {
        await job.changeDelay(Math.max(row.wakeAt - job.timestamp, 0)).catch(() => {});
      }
    }
  }

  async wakeTenant(tenantId: string): Promise<number> {
    // A test clock jumped: deliver from here rather than re-time every delayed job. The jobs
    // still fire later, find their rows delivered, and end.
    return this.options.dispatcher.dispatchDue({ tenantId });
  }

  /** Enqueues reminders (id + real-time instant to wake); jobs that exist are left alone. */
  async enqueue(rows: readonly { id: string; wakeAt: number }[]): Promise<void> {
    const now = this.clock().getTime();
    for (let i = 0; i < rows.length; i += 1000) {
      await this.queue.addBulk(
        rows.slice(i, i + 1000).map((r) => ({
          name: JOB_NAME,
          data: {},
          opts: { ...JOB_OPTIONS, jobId: r.id, delay: Math.max(r.wakeAt - now, 0) },
        })),
      );
    }
  }

  /**
   * Makes Redis match PostgreSQL: every pending (or in-flight) reminder has a job, and no job
   * outlives its reminder. Safe to run anywhere, any time: a duplicate job is harmless.
   */
  async reconcile(): Promise<{ enqueued: number; removed: number }> {
    let enqueued = 0;
    let after: string | undefined;
    for (;;) {
      const rows = await this.scheduleOf(
        and(
          or(eq(reminders.status, 'pending'), eq(reminders.status, 'delivering')),
          after ? gt(reminders.id, after) : undefined,
        ),
        PAGE,
      );
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      const existing = await this.existing(rows.map((r) => r.id));
      const missing = rows.filter((r) => !existing.has(r.id));
      await this.enqueue(missing);
      enqueued += missing.length;
      if (rows.length < PAGE) break;
    }
    let removed = 0;
    for (let start = 0; ; start += PAGE) {
      const jobs = await this.queue.getJobs(
        ['delayed', 'wait', 'prioritized'],
        start,
        start + PAGE - 1,
        true,
      );
      const ids = jobs.map((j) => j.id).filter((id): id is string => typeof id === 'string');
      if (ids.length === 0) break;
      const live = new Set(
        (
          await this.options.db
            .select({ id: reminders.id })
            .from(reminders)
            .where(
              and(
                inArray(reminders.id, ids),
                or(eq(reminders.status, 'pending'), eq(reminders.status, 'delivering')),
              ),
            )
        ).map((r) => r.id),
      );
      const stale = ids.filter((id) => !live.has(id));
      for (const id of stale) await this.queue.remove(id).catch(() => 0);
      removed += stale.length;
      // Removing shifts later jobs down; stay on the same page when some went.
      if (stale.length > 0) start -= stale.length;
      if (jobs.length < PAGE) break;
    }
    return { enqueued, removed };
  }

  private scheduleReconcile(delay: number): void {
    this.reconcileTimer = setTimeout(() => {
      void this.reconcileAndLog().finally(() => {
        if (this.reconcileTimer !== undefined) this.scheduleReconcile(this.options.reconcileIntervalMs);
      });
    }, delay);
    this.reconcileTimer.unref?.();
  }

  /** Rows with the real-time instant their job should fire (a test clock shifts it). */
  private async scheduleOf(where: ReturnType<typeof and>, limit?: number) {
    const now = this.clock().getTime();
    const query = this.options.db
      .select({
        id: reminders.id,
        status: reminders.status,
        remindAt: reminders.remindAt,
        lockedUntil: reminders.lockedUntil,
        frozenTime: testClocks.frozenTime,
      })
      .from(reminders)
      .leftJoin(testClocks, eq(testClocks.tenantId, reminders.tenantId))
      .where(where)
      .orderBy(asc(reminders.id));
    const rows = limit ? await query.limit(limit) : await query;
    return rows.map((r) => ({
      id: r.id,
      wakeAt:
        r.status === 'delivering'
          ? (r.lockedUntil?.getTime() ?? now)
          : now + r.remindAt.getTime() - (r.frozenTime?.getTime() ?? now),
    }));
  }

  /** Which of these reminders have a job in Redis (any state). */
  private async existing(ids: readonly string[]): Promise<Set<string>> {
    const pipeline = this.producer.pipeline();
    for (const id of ids) pipeline.exists(this.queue.toKey(id));
    const results = (await pipeline.exec()) ?? [];
    const found = new Set<string>();
    results.forEach(([err, n], i) => {
      if (err) throw err;
      if (n === 1) found.add(ids[i]!);
    });
    return found;
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
      this.options.log.warn({ err: (err as Error).message }, 'could not read Redis maxmemory-policy');
    }
  }
}
