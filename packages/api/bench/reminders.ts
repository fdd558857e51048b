/**
 * Reminders bench: 10,000 reminders due in the same second, delivered by a real worker process
 * (src/worker.ts) over BullMQ to a local webhook receiver.
 * - lateness (receipt − remind_at) p50 / p99 — goals ≤ 100 ms / ≤ 1 s;
 * - deliveries per second, and the ratio to a bare BullMQ no-op worker on the same Redis (goal ≥ 50 %);
 * - Redis memory per pending reminder (INFO memory delta ÷ count; goal ≤ 1 KB).
 * The worker is warmed up first, as a running one is: a burst of 5,000 eight seconds before the
 * measured one (its lateness is printed as the cold figure); the no-op baseline likewise.
 * Needs REDIS_URL and DATABASE_URL; skips with a message without them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Queue, Worker } from 'bullmq';
import { and, eq, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { loadConfig } from '../src/config.js';
import { installSecretKeyring } from '../src/crypto/installed-keyring.js';
import {
  formatSecretKeys,
  generateSecretKey,
  parseSecretKeys,
  SecretKeyring,
} from '../src/crypto/secret-keyring.js';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { reminders } from '../src/db/schema/reminders.js';
import { AddressPolicy } from '../src/net/address-policy.js';
import { installOutboundPolicy } from '../src/net/outbound-policy.js';
import type { BullmqDriver } from '../src/reminders/bullmq-driver.js';
import { createReminderRuntime } from '../src/reminders/runtime.js';
import { SYSTEM_ACTOR } from '../src/reminders/system-context.js';
import { insertApiKey } from '../src/services/api-keys/insert.js';
import { generateApiKey } from '../src/services/api-keys/secret.js';
import type { ServiceContext } from '../src/services/context.js';
import { setTenantReminderChannels } from '../src/services/reminder-channels/set.js';
import { syncReminders } from '../src/services/reminders/sync.js';
import { createStudent } from '../src/services/students/create.js';
import { createTenant } from '../src/services/tenants/create.js';
import { createWebhookEndpoint } from '../src/services/webhook-endpoints/create.js';

const COUNT = 10_000;
const STUDENTS = 100;
/**
 * A running worker has delivered before: its code is compiled and its connections are open. A
 * first burst of this many, a few seconds before the measured one, warms a freshly started
 * worker (and the receiver) up; its lateness is reported too, as the cold figure.
 */
const WARMUP = 5000;
/** Seconds between the warm-up burst and the measured one. */
const WARMUP_LEAD_MS = 8000;

export interface RemindersBenchResult {
  reminders: number;
  latenessP50Ms: number;
  latenessP99Ms: number;
  latenessMaxMs: number;
  /** The warm-up burst's lateness: a freshly started worker's first deliveries. */
  coldLatenessP50Ms: number;
  coldLatenessP99Ms: number;
  deliveriesPerSecond: number;
  noopJobsPerSecond: number;
  ratioToNoop: number;
  /** The burst: 10,000 reminders in one second share one job. */
  redisBytesPerPendingReminder: number;
  /** The worst case: every reminder in a second of its own, a job each. */
  redisBytesPerSpreadReminder: number;
}

const SPREAD = 2000;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const silent = { info() {}, warn() {}, error() {} };

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

/**
 * Jobs per second of a BullMQ worker that does nothing, same Redis, same concurrency: warmed up
 * with a first round (as the worker measured against it is), then timed over a second.
 */
async function noopBaseline(redisUrl: string, concurrency: number): Promise<number> {
  const name = `iv-bench-noop-${randomBytes(4).toString('hex')}`;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection });
  let done = 0;
  let target = 0;
  let finish: () => void = () => {};
  const worker = new Worker(name, async () => {}, { connection: connection.duplicate(), concurrency });
  worker.on('completed', () => {
    if (++done === target) finish();
  });
  const round = async (prefix: string, count: number) => {
    const jobs = Array.from({ length: count }, (_, i) => ({
      name: 'noop',
      data: {},
      opts: { jobId: `${prefix}${i}`, removeOnComplete: true, removeOnFail: true },
    }));
    await worker.pause();
    for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
    done = 0;
    target = count;
    const finished = new Promise<void>((r) => {
      finish = r;
    });
    const started = Date.now();
    worker.resume();
    await finished;
    return count / ((Date.now() - started) / 1000);
  };
  await round('w', WARMUP);
  const perSecond = await round('n', COUNT);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return perSecond;
}

/** The worker's command line as `pnpm worker` runs it (its Node flags too), less `node` itself. */
async function workerCommand(): Promise<string[]> {
  const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: { worker: string };
  };
  const [node, ...args] = manifest.scripts.worker.split(' ');
  if (node !== 'node')
    throw new Error(`the worker script does not start with node: ${manifest.scripts.worker}`);
  return args.map((arg) =>
    arg.endsWith('.ts') ? fileURLToPath(new URL(`../${arg}`, import.meta.url)) : arg,
  );
}

/** Redis bytes per pending reminder when no two share a second (one job each): the worst case. */
async function spreadMemory(
  redis: Redis,
  redisUrl: string,
  ctx: ServiceContext,
  databaseUrl: string,
): Promise<number> {
  const db = ctx.db;
  const student = await createStudent({
    ctx,
    input: { externalId: 'bench-spread', name: 'Bench Student', timeZone: 'Europe/Paris' },
  });
  const start = Math.ceil((Date.now() + 86_400_000) / 1000) * 1000;
  await db.transaction((tx) =>
    syncReminders({
      ctx: { ...ctx, db: tx, inTransaction: true },
      input: {
        studentId: student.id,
        specs: Array.from({ length: SPREAD }, (_, i) => ({
          kind: 'task' as const,
          sourceKey: `spread:${i}`,
          interviewId: null,
          dueAt: new Date(start + i * 1000),
          remindAt: new Date(start + i * 1000 + 500),
          payload: { title: 'Follow up', ruleId: 'follow_up.due', contactId: null, explanation: {} },
        })),
      },
    }),
  );
  const config = loadConfig({ REDIS_URL: redisUrl, DATABASE_URL: databaseUrl });
  const queueName = `iv-bench-spread-${randomBytes(4).toString('hex')}`;
  config.reminders = { ...config.reminders, queueName, reconcileIntervalMs: 0 };
  const before = await usedMemory(redis);
  const producer = createReminderRuntime({ config, db, log: silent, worker: false });
  await producer.start();
  const after = await usedMemory(redis);
  const driver = producer.driver as BullmqDriver;
  await driver.queue.obliterate({ force: true });
  await producer.stop();
  return Math.round((after - before) / SPREAD);
}

export async function benchReminders(): Promise<RemindersBenchResult | undefined> {
  const redisUrl = process.env.REDIS_URL;
  const databaseUrl = process.env.DATABASE_URL;
  if (!redisUrl || !databaseUrl) {
    console.log('reminders bench SKIPPED: set REDIS_URL and DATABASE_URL (PostgreSQL) to run it.');
    return undefined;
  }
  const concurrency = 100;
  const dbName = `iv_bench_${randomBytes(6).toString('hex')}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ databaseUrl: url.toString(), maxConnections: 10 });
  const queueName = `iv-bench-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(redisUrl);
  let worker: ChildProcess | undefined;
  const received: { reminderId: string; remindAt: number; at: number }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const data = JSON.parse(Buffer.concat(chunks).toString('utf8')).data;
      received.push({ reminderId: data.reminderId, remindAt: Date.parse(data.remindAt), at });
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  try {
    await migrateDatabase(database);
    const db = database.db;
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const tenant = await createTenant({ ctx: { db, now: () => new Date() }, input: { name: 'Bench U' } });
    await insertApiKey(db, new Date(), {
      tenantId: tenant.id,
      name: 'a',
      secret: generateApiKey(false),
      scope: 'admin',
    });
    const ctx: ServiceContext = {
      db,
      tenantId: tenant.id,
      actor: SYSTEM_ACTOR,
      now: () => new Date(),
      log: silent,
    };
    await setTenantReminderChannels({ ctx, input: { channels: ['webhook'] } });
    // The bench's receiver is on loopback, which webhooks may reach only when allowed.
    installOutboundPolicy(new AddressPolicy(['127.0.0.1']));
    // The worker (spawned below with this environment) opens the secrets sealed here.
    process.env.INFOVIEW_SECRET_KEYS ||= formatSecretKeys([generateSecretKey('bench')]);
    installSecretKeyring(new SecretKeyring(parseSecretKeys(process.env.INFOVIEW_SECRET_KEYS)));
    await createWebhookEndpoint({
      ctx,
      input: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks` },
    });
    const far = new Date(Date.now() + 86_400_000);
    for (let s = 0; s < STUDENTS; s++) {
      const student = await createStudent({
        ctx,
        input: { externalId: `bench-${s}`, name: 'Bench Student', timeZone: 'America/New_York' },
      });
      await db.transaction((tx) =>
        syncReminders({
          ctx: { ...ctx, db: tx, inTransaction: true },
          input: {
            studentId: student.id,
            specs: Array.from({ length: (COUNT + WARMUP) / STUDENTS }, (_, i) => ({
              kind: 'task' as const,
              sourceKey: i < WARMUP / STUDENTS ? `warm:${s}:${i}` : `bench:${s}:${i}`,
              interviewId: null,
              dueAt: far,
              remindAt: far,
              payload: { title: 'Follow up', ruleId: 'follow_up.due', contactId: null, explanation: {} },
            })),
          },
        }),
      );
    }
    // The warm-up due within one second a few seconds from now (time to enqueue and start the
    // worker), the measured 10,000 within one second some seconds later.
    const warmSecond = Math.ceil((Date.now() + 6000) / 1000) * 1000;
    const dueSecond = warmSecond + WARMUP_LEAD_MS;
    await db.execute(
      sql`update ${reminders} set remind_at = (case when ${reminders.sourceKey} like 'warm:%' then ${new Date(warmSecond).toISOString()}::timestamptz else ${new Date(dueSecond).toISOString()}::timestamptz end) + (random() * interval '999 milliseconds') where ${reminders.tenantId} = ${tenant.id}`,
    );
    const memoryBefore = await usedMemory(redis);
    const config = {
      ...loadConfig({ REDIS_URL: redisUrl, DATABASE_URL: url.toString() }),
    };
    config.reminders = { ...config.reminders, queueName, reconcileIntervalMs: 0 };
    const producer = createReminderRuntime({ config, db, log: silent, worker: false });
    await producer.start(); // the start-up reconcile enqueues the delayed job of that second
    const memoryAfter = await usedMemory(redis);
    const [pending] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(reminders)
      .where(and(eq(reminders.tenantId, tenant.id), eq(reminders.status, 'pending')));
    worker = spawn(
      process.execPath,
      [
        // BENCH_WORKER_CPU_PROF=<dir> writes a CPU profile of the worker process there.
        ...(process.env.BENCH_WORKER_CPU_PROF
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_WORKER_CPU_PROF}`]
          : []),
        ...(await workerCommand()),
      ],
      {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        env: {
          ...process.env,
          DATABASE_URL: url.toString(),
          REDIS_URL: redisUrl,
          REMINDER_QUEUE: queueName,
          REMINDER_CONCURRENCY: String(concurrency),
          REMINDER_RECONCILE_INTERVAL_MS: '600000',
          LOG_LEVEL: 'warn',
          WEBHOOK_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    const deadline = dueSecond + 120_000;
    while (received.length < COUNT + WARMUP && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await producer.stop();
    const byLateness = (rs: typeof received) => rs.map((r) => r.at - r.remindAt).sort((a, b) => a - b);
    const cold = byLateness(received.filter((r) => r.remindAt < dueSecond));
    const measured = received.filter((r) => r.remindAt >= dueSecond);
    const lateness = byLateness(measured);
    const firstDue = Math.min(...measured.map((r) => r.remindAt));
    const last = Math.max(...measured.map((r) => r.at));
    const deliveriesPerSecond = measured.length / ((last - firstDue) / 1000);
    if (process.env.BENCH_TIMELINE) {
      // Receipts per 100 ms from the start of the measured second, and per 100 ms of remind_at.
      const histogram = (key: (r: (typeof received)[number]) => number) => {
        const counts = new Map<number, number>();
        for (const r of measured) {
          const bucket = Math.floor((key(r) - dueSecond) / 100) * 100;
          counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
        }
        return [...counts]
          .sort((x, y) => x[0] - y[0])
          .map(([k, n]) => `${k}:${n}`)
          .join(' ');
      };
      console.log(`received  ${histogram((r) => r.at)}\ndue       ${histogram((r) => r.remindAt)}`);
    }
    const noopJobsPerSecond = await noopBaseline(redisUrl, concurrency);
    const spreadBytes = await spreadMemory(redis, redisUrl, ctx, url.toString());
    const result: RemindersBenchResult = {
      reminders: measured.length,
      latenessP50Ms: quantile(lateness, 0.5),
      latenessP99Ms: quantile(lateness, 0.99),
      latenessMaxMs: lateness.at(-1) ?? 0,
      coldLatenessP50Ms: quantile(cold, 0.5),
      coldLatenessP99Ms: quantile(cold, 0.99),
      deliveriesPerSecond: Math.round(deliveriesPerSecond),
      noopJobsPerSecond: Math.round(noopJobsPerSecond),
      ratioToNoop: Math.round((deliveriesPerSecond / noopJobsPerSecond) * 100) / 100,
      redisBytesPerPendingReminder: Math.round((memoryAfter - memoryBefore) / (pending?.n ?? COUNT)),
      redisBytesPerSpreadReminder: spreadBytes,
    };
    const goal = (ok: boolean) => (ok ? 'ok ' : 'MISS');
    console.log(
      `\nreminders bench (${COUNT} due in the same second, BullMQ worker process, concurrency ${concurrency}; ${WARMUP} due ${WARMUP_LEAD_MS / 1000} s earlier warm it up)`,
    );
    console.log(`  delivered            ${result.reminders}/${COUNT}`);
    console.log(
      `  ${goal(result.latenessP50Ms <= 100)} lateness p50         ${result.latenessP50Ms} ms (goal ≤ 100 ms)`,
    );
    console.log(
      `  ${goal(result.latenessP99Ms <= 1000)} lateness p99         ${result.latenessP99Ms} ms (goal ≤ 1000 ms; max ${result.latenessMaxMs} ms; p10 ${quantile(lateness, 0.1)} ms, p90 ${quantile(lateness, 0.9)} ms)`,
    );
    console.log(
      `       cold (the warm-up burst) p50 ${result.coldLatenessP50Ms} ms, p99 ${result.coldLatenessP99Ms} ms`,
    );
    console.log(
      `  ${goal(result.ratioToNoop >= 0.5)} deliveries/s         ${result.deliveriesPerSecond} (bare BullMQ no-op: ${result.noopJobsPerSecond}/s, ratio ${result.ratioToNoop}; goal ≥ 0.5; from the first due instant to the last receipt, so about ${COUNT}/s at most when every one is on time)`,
    );
    console.log(
      `  ${goal(result.redisBytesPerPendingReminder <= 1024)} Redis per pending    ${result.redisBytesPerPendingReminder} B (goal ≤ 1024 B; the 10,000 share one job)`,
    );
    console.log(
      `  ${goal(result.redisBytesPerSpreadReminder <= 1024)} …worst case         ${result.redisBytesPerSpreadReminder} B (${SPREAD} reminders, each in a second of its own: a job each)\n`,
    );
    return result;
  } finally {
    if (worker && worker.exitCode === null) {
      const exited = once(worker, 'exit');
      worker.kill('SIGTERM');
      await exited;
    }
    await new Promise((r) => server.close(r));
    server.closeAllConnections();
    redis.disconnect();
    await database.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchReminders();
  // BullMQ's and ioredis's sockets can hold the event loop open after their close().
  process.exit(0);
}
