/**
 * HTTP API bench: the real app (buildApp with every plugin) against a bare Fastify route that
 * replays the same SQL through `postgres`, side by side in one run, on PostgreSQL over loopback.
 * - `GET /interviews/{id}` and `GET /interviews?limit=50` as a student key: throughput ratio to
 *   the bare route (goal ≥ 0.85), the median of the ratios of back-to-back pairs of rounds (this
 *   shared machine's speed drifts by a third between rounds; a pair shares its moment), after
 *   both servers are warm (see WARMUP_SECONDS); beside it, each server's own CPU per request
 *   (the load generator and PostgreSQL share the machine's two cores with the server, so
 *   throughput also pays for their work);
 * - keyset: page 1000 of 1,000,000 interviews vs page 1 (median latency; goal ≤ 1.5×);
 * - SQL statements per request for an interview with 1 vs 1,000 timeline rows (goal: equal).
 * Load comes from autocannon in a child process so it never competes with the server's event loop.
 * The bare route runs the statements the real route was recorded running (the API-key lookup too,
 * when the route runs one — the authentication cache usually spares it)
 * as named prepared statements (`unsafe(…, { prepare: true })`: one round trip, planned once) and
 * serialises rows with JSON.stringify.
 * The keyset figure uses an admin key (the tenant-wide list is the one with 20,000 pages).
 * Needs DATABASE_URL; skips with a message without it. BENCH_API_INTERVIEWS, BENCH_API_ROUNDS,
 * BENCH_API_SECONDS and BENCH_API_WARMUP_SECONDS shrink it for a quick look.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import Fastify from 'fastify';
import postgres from 'postgres';
import { buildApp, type InfoviewApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { generateSecretKey } from '../src/crypto/secret-keyring.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { insertApiKey } from '../src/services/api-keys/insert.js';
import { generateApiKey } from '../src/services/api-keys/secret.js';
import { encodeCursor } from '../src/services/pagination.js';
import { createTenant } from '../src/services/tenants/create.js';

const INTERVIEWS = Number(process.env.BENCH_API_INTERVIEWS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_API_ROUNDS ?? 15);
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 3);
/**
 * Seconds of load each server takes, in alternating one-second rounds, before the measured rounds.
 * V8 optimises the code on a request's path while it serves, and the app has far more of it than
 * the bare route (plugins, validation, the presenter, the serializer), so it reaches its steady
 * speed later: in one-second rounds from cold the app went 1,414 → 3,102 → 3,634 → 4,295 req/s
 * while the bare route went 2,685 → 4,739 → 5,554 → 5,664 (ratio 0.53 → 0.76). A server in
 * service is warm; both sides get the same warm-up, and the bench prints each side's ramp.
 */
const WARMUP_SECONDS = Number(process.env.BENCH_API_WARMUP_SECONDS ?? 10);
const STUDENTS = 1000;
const TIMELINE_ROWS = 1000;
const CONNECTIONS = 10;
const POOL = 10;
const PAGE = 50;
const KEYSET_PAGE = 1000;
const LATENCY_SAMPLES = 400;
if (INTERVIEWS < KEYSET_PAGE * PAGE) throw new Error(`BENCH_API_INTERVIEWS must be ≥ ${KEYSET_PAGE * PAGE}`);

export interface ThroughputFigure {
  /** Median requests per second over the rounds. */
  oursRps: number;
  bareRps: number;
  /** The median of ours ÷ bare over the back-to-back pairs of rounds. */
  ratio: number;
  /** ours ÷ bare of the medians, for comparison. */
  ratioOfMedians: number;
  /**
   * Server CPU per request (µs), median over the rounds, and the median of bare ÷ ours over the
   * pairs (higher is better, like the throughput ratio).
   * Both servers run in this process, one loaded at a time, so process.cpuUsage() over a round is
   * the loaded server's (the harness only waits for autocannon meanwhile).
   */
  cpu: { oursUs: number; bareUs: number; ratio: number };
  /** Requests per second of each warm-up round, before the measured ones. */
  warmup: { ours: number[]; bare: number[] };
  pairRatios: number[];
  oursRounds: number[];
  bareRounds: number[];
}

export interface ApiBenchResult {
  interviews: number;
  getInterview: ThroughputFigure;
  listInterviews: ThroughputFigure;
  keyset: { page1Ms: number; page1000Ms: number; ratio: number };
  queriesPerRequest: {
    oneTimelineRow: { get: number; timeline: number };
    thousandTimelineRows: { get: number; timeline: number };
  };
}

interface Statement {
  text: string;
  params: unknown[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The app's database as openDatabase builds it for PostgreSQL, plus a drizzle logger that appends
 * every statement to `recorder.current` while it is set.
 */
function recordingDatabase(url: string) {
  const recorder: { current: Statement[] | undefined } = { current: undefined };
  const client = postgres(url, { max: POOL, onnotice: () => {} });
  const db = drizzle({
    client,
    logger: { logQuery: (text, params) => recorder.current?.push({ text, params }) },
  });
  const database: Database = {
    db,
    driver: 'postgres',
    location: 'bench',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.end({ timeout: 5 }),
    exclusive: (fn) => fn(),
    migrate: async () => {},
  };
  return { database, recorder };
}

/**
 * The statements one request runs. The recording app has no background work (its reminder driver
 * is stopped) and requests are sent one at a time, so everything recorded is the request's own.
 */
async function statementsOf(
  app: InfoviewApp,
  recorder: { current: Statement[] | undefined },
  url: string,
  key: string,
): Promise<Statement[]> {
  const inject = () => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  // Warm first: the last-used stamp (once a minute) and the test-clock cache (5 s) are then fresh,
  // so the recorded request shows the steady state every request sees.
  await inject();
  const statements: Statement[] = [];
  recorder.current = statements;
  const response = await inject().finally(() => {
    recorder.current = undefined;
  });
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return statements;
}

/** A Fastify server with no plugins that replays `statements` per request through `postgres`. */
async function bareServer(url: string, routes: { get: Statement[]; list: Statement[]; interviewId: string }) {
  const client = postgres(url, { max: POOL, onnotice: () => {} });
  const app = Fastify();
  const run = async (statements: Statement[], substitute: (p: unknown) => unknown) => {
    let rows: unknown[] = [];
    for (const s of statements)
      rows = await client.unsafe(s.text, s.params.map(substitute) as never[], { prepare: true });
    return rows;
  };
  app.get<{ Params: { id: string } }>('/interviews/:id', async (request) => {
    const rows = await run(routes.get, (p) => (p === routes.interviewId ? request.params.id : p));
    return rows[0];
  });
  app.get('/interviews', async () => ({ data: await run(routes.list, (p) => p) }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, client, port: (app.server.address() as AddressInfo).port };
}

const AUTOCANNON_CHILD = `
const autocannon = require(process.env.AUTOCANNON_PATH);
autocannon(JSON.parse(process.argv[1]), (err, r) => {
  if (err) { console.error(err); process.exit(1); }
  process.stdout.write(JSON.stringify({ total: r.requests.total, duration: r.duration, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts }));
});`;

/** Requests per second from autocannon run in a child process, and this process's CPU per request (µs). */
async function load(url: string, key: string, seconds: number): Promise<{ rps: number; cpuUs: number }> {
  const autocannonPath = createRequire(import.meta.url).resolve('autocannon');
  const options = {
    url,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    headers: { authorization: `Bearer ${key}` },
  };
  const child = spawn(process.execPath, ['-e', AUTOCANNON_CHILD, JSON.stringify(options)], {
    env: { ...process.env, AUTOCANNON_PATH: autocannonPath },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const cpuBefore = process.cpuUsage();
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const cpu = process.cpuUsage(cpuBefore);
  if (code !== 0) throw new Error(`autocannon exited with ${code}`);
  const r = JSON.parse(out) as {
    total: number;
    duration: number;
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  if (r.non2xx || r.errors || r.timeouts) {
    throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  }
  return { rps: r.total / r.duration, cpuUs: (cpu.user + cpu.system) / r.total };
}

/**
 * Both servers warmed up (WARMUP_SECONDS), then back-to-back pairs of rounds, the order flipped
 * each pair so drift hits both sides alike.
 */
async function compare(ours: string, bare: string, key: string): Promise<ThroughputFigure> {
  const { pathname, search } = new URL(ours);
  console.log(
    `API bench: ${pathname}${search}: ${WARMUP_SECONDS} s warm-up for each side, then ${ROUNDS} pairs of ${SECONDS} s rounds…`,
  );
  const warmup = { ours: [] as number[], bare: [] as number[] };
  for (let i = 0; i < WARMUP_SECONDS; i++) {
    warmup.ours.push(Math.round((await load(ours, key, 1)).rps));
    warmup.bare.push(Math.round((await load(bare, key, 1)).rps));
  }
  const oursMeasured: { rps: number; cpuUs: number }[] = [];
  const bareMeasured: { rps: number; cpuUs: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    if (i % 2 === 0) {
      oursMeasured.push(await load(ours, key, SECONDS));
      bareMeasured.push(await load(bare, key, SECONDS));
    } else {
      bareMeasured.push(await load(bare, key, SECONDS));
      oursMeasured.push(await load(ours, key, SECONDS));
    }
  }
  const oursRounds = oursMeasured.map((m) => m.rps);
  const bareRounds = bareMeasured.map((m) => m.rps);
  const oursRps = median(oursRounds);
  const bareRps = median(bareRounds);
  const pairRatios = oursRounds.map((o, i) => o / bareRounds[i]!);
  const cpuRatios = oursMeasured.map((o, i) => bareMeasured[i]!.cpuUs / o.cpuUs);
  return {
    oursRps: Math.round(oursRps),
    bareRps: Math.round(bareRps),
    ratio: round2(median(pairRatios)),
    ratioOfMedians: round2(oursRps / bareRps),
    cpu: {
      oursUs: Math.round(median(oursMeasured.map((m) => m.cpuUs))),
      bareUs: Math.round(median(bareMeasured.map((m) => m.cpuUs))),
      ratio: round2(median(cpuRatios)),
    },
    warmup,
    pairRatios: pairRatios.map(round2),
    oursRounds: oursRounds.map(Math.round),
    bareRounds: bareRounds.map(Math.round),
  };
}

/** One keep-alive GET; resolves with the status, the body and the wall time in ms. */
function timedGet(agent: Agent, port: number, path: string, key: string) {
  return new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
    const started = performance.now();
    const req = httpRequest(
      { host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${key}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Median latency of page 1 and page 1000, requested one at a time, alternating. */
async function keysetLatency(port: number, key: string, cursor: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const first = `/interviews?limit=${PAGE}`;
  const deep = `/interviews?limit=${PAGE}&cursor=${cursor}`;
  const check = (r: { status: number; body: string }, path: string) => {
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.body}`);
    const page = JSON.parse(r.body) as { data: unknown[] };
    if (page.data.length !== PAGE) throw new Error(`${path}: ${page.data.length} rows, expected ${PAGE}`);
  };
  const page1: number[] = [];
  const page1000: number[] = [];
  for (let i = 0; i < 50 + LATENCY_SAMPLES; i++) {
    const a = await timedGet(agent, port, first, key);
    const b = await timedGet(agent, port, deep, key);
    check(a, first);
    check(b, deep);
    if (i >= 50) {
      page1.push(a.ms);
      page1000.push(b.ms);
    }
  }
  agent.destroy();
  const page1Ms = median(page1);
  const page1000Ms = median(page1000);
  return { page1Ms: round2(page1Ms), page1000Ms: round2(page1000Ms), ratio: round2(page1000Ms / page1Ms) };
}

/**
 * Bulk seed in SQL: STUDENTS students, then one contact and one interview per row of
 * generate_series, copying the API-made template contact and interview (so every column is one
 * the API wrote), with UUIDv7 ids made from a millisecond clock so keyset order is creation order.
 */
async function seed(
  client: postgres.Sql,
  s: { tenantId: string; contactId: string; interviewId: string; eventInterviewId: string },
) {
  const base = Date.now() - 40 * 86_400_000;
  const v7 = (salt: string, i: string) =>
    `(lpad(to_hex(${base}::bigint + ${i}), 12, '0') || '7' || substr(md5('${salt}' || ${i}), 1, 3) || '8' || substr(md5('${salt}' || ${i}), 4, 15))::uuid`;
  await client.begin(async (tx) => {
    // Every reference is made valid by construction; skipping the per-row FK triggers makes the
    // million-row insert take seconds instead of minutes.
    await tx.unsafe('set local session_replication_role = replica');
    await tx.unsafe(
      `insert into students (id, tenant_id, external_id, name, email, time_zone, profile, version, created_at, updated_at)
       select ${v7('s', 'i')}, $1, 'bench-' || i, 'Student ' || i, null, 'UTC', '{}'::jsonb, 1, now(), now()
       from generate_series(1, ${STUDENTS - 1}) i`,
      [s.tenantId],
    );
    const ids = `(select array_agg(id order by id) as a from students where tenant_id = $1)`;
    await tx.unsafe(
      `insert into contacts (id, tenant_id, student_id, name, organization, title, email, phone, profile_url, source,
         known, referrer_contact_id, found_via, email_key, profile_url_key, version, created_at, updated_at)
       select ${v7('c', 'i')}, t.tenant_id, st.a[1 + i % ${STUDENTS}], 'Contact ' || i, t.organization, t.title,
         'contact-' || i || '@example.org', t.phone, t.profile_url, t.source, t.known, null, t.found_via,
         'contact-' || i || '@example.org', t.profile_url_key, 1,
         to_timestamp((${base} + i) / 1000.0), to_timestamp((${base} + i) / 1000.0)
       from generate_series(1, ${INTERVIEWS}) i, ${ids} st, contacts t where t.id = $2`,
      [s.tenantId, s.contactId],
    );
    await tx.unsafe(
      `insert into interviews (id, tenant_id, student_id, contact_id, state, topics, facts, meeting_at, event_count,
         last_event_at, question_list, version, created_at, updated_at)
       select ${v7('i', 'i')}, t.tenant_id, st.a[1 + i % ${STUDENTS}], ${v7('c', 'i')}, t.state, t.topics, t.facts,
         t.meeting_at, t.event_count, t.last_event_at, t.question_list, t.version,
         to_timestamp((${base} + i) / 1000.0), to_timestamp((${base} + i) / 1000.0)
       from generate_series(1, ${INTERVIEWS}) i, ${ids} st, interviews t where t.id = $2`,
      [s.tenantId, s.interviewId],
    );
    // The long timeline: seq 2…TIMELINE_ROWS after the one event the API wrote.
    await tx.unsafe(
      `insert into interview_events (id, tenant_id, interview_id, seq, at, type, from_state, to_state, actor, data, created_at)
       select ${v7('e', 'n')}, e.tenant_id, e.interview_id, n, e.at, e.type, e.from_state, e.to_state, e.actor, e.data, e.created_at
       from generate_series(2, ${TIMELINE_ROWS}) n, interview_events e where e.interview_id = $1 and e.seq = 1`,
      [s.eventInterviewId],
    );
    await tx.unsafe('update interviews set event_count = $2 where id = $1', [
      s.eventInterviewId,
      TIMELINE_ROWS,
    ]);
  });
  await client.unsafe('vacuum analyze students, contacts, interviews, interview_events');
}

export async function benchApi(): Promise<ApiBenchResult | undefined> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log('API bench SKIPPED: set DATABASE_URL (PostgreSQL, e.g. on loopback) to run it.');
    return undefined;
  }
  const dbName = `iv_bench_api_${randomBytes(6).toString('hex')}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${dbName}`;
  const benchUrl = url.toString();
  const config = {
    ...loadConfig({ LOG_LEVEL: 'warn', DATABASE_URL: benchUrl }),
    rateLimitMax: 1_000_000,
    secretKeys: [generateSecretKey('bench')],
  };
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const database = await openDatabase({ databaseUrl: benchUrl, maxConnections: POOL });
    closers.push(() => database.close());
    await migrateDatabase(database);
    const app = await buildApp(config, { database });
    closers.push(() => app.close());
    await app.ready();

    // The template rows go through the API, so every column holds what the API writes.
    const tenant = await createTenant({
      ctx: { db: database.db, now: () => new Date() },
      input: { name: 'Bench University', sandbox: false },
    });
    const adminKey = generateApiKey(false);
    await insertApiKey(database.db, new Date(), {
      tenantId: tenant.id,
      name: 'bench admin',
      secret: adminKey,
      scope: 'admin',
    });
    const post = async (key: string, path: string, body: unknown, etag?: string) => {
      const response = await app.inject({
        method: 'POST',
        url: path,
        headers: { authorization: `Bearer ${key}`, ...(etag ? { 'if-match': etag } : {}) },
        payload: body as Record<string, unknown>,
      });
      if (response.statusCode >= 300) throw new Error(`${path}: ${response.statusCode} ${response.body}`);
      return { body: response.json(), etag: response.headers.etag as string };
    };
    const student = (
      await post(adminKey, '/students', {
        externalId: 'bench-student',
        name: 'Sam Lee',
        timeZone: 'America/New_York',
        profile: { firstName: 'Sam', lastName: 'Lee', school: 'Northeastern', program: 'Economics' },
      })
    ).body as { id: string };
    const studentKey = generateApiKey(false);
    await insertApiKey(database.db, new Date(), {
      tenantId: tenant.id,
      name: 'bench student',
      secret: studentKey,
      scope: 'student',
      studentId: student.id,
    });
    const startInterview = async (n: number) => {
      const contact = (
        await post(studentKey, '/contacts', {
          studentId: student.id,
          name: `Pat Chen ${n}`,
          organization: 'Acme',
          title: 'Product Manager',
          email: `pat-${n}@acme.example`,
          source: 'alumni_directory',
        })
      ).body as { id: string };
      const created = await post(studentKey, '/interviews', {
        contactId: contact.id,
        topics: ['career_change'],
      });
      const id = (created.body as { id: string }).id;
      const at = new Date(Date.now() - 2 * 86_400_000).toISOString();
      await post(studentKey, `/interviews/${id}/attempts`, { channel: 'email', at }, created.etag);
      return { contactId: contact.id, interviewId: id };
    };
    const short = await startInterview(1);
    const long = await startInterview(2);

    const direct = postgres(benchUrl, { max: 1, onnotice: () => {} });
    closers.push(() => direct.end({ timeout: 5 }));
    const seedStarted = Date.now();
    await seed(direct, {
      tenantId: tenant.id,
      contactId: short.contactId,
      interviewId: short.interviewId,
      eventInterviewId: long.interviewId,
    });
    const seedSeconds = (Date.now() - seedStarted) / 1000;

    // Statements per request, and the SQL the bare routes replay, from a second app on a
    // recording client (same pool size and driver as openDatabase).
    const recorded = recordingDatabase(benchUrl);
    const recordingApp = await buildApp(config, { database: recorded.database });
    await recordingApp.ready();
    await recordingApp.reminders.stop();
    const count = async (path: string) =>
      (await statementsOf(recordingApp, recorded.recorder, path, studentKey)).length;
    const queriesPerRequest = {
      oneTimelineRow: {
        get: await count(`/interviews/${short.interviewId}`),
        timeline: await count(`/interviews/${short.interviewId}/timeline`),
      },
      thousandTimelineRows: {
        get: await count(`/interviews/${long.interviewId}`),
        timeline: await count(`/interviews/${long.interviewId}/timeline`),
      },
    };
    const getStatements = await statementsOf(
      recordingApp,
      recorded.recorder,
      `/interviews/${short.interviewId}`,
      studentKey,
    );
    const listStatements = await statementsOf(
      recordingApp,
      recorded.recorder,
      `/interviews?limit=${PAGE}`,
      studentKey,
    );
    await recordingApp.close();
    await recorded.database.close();

    await app.listen({ port: 0, host: '127.0.0.1' });
    const oursPort = (app.server.address() as AddressInfo).port;
    const bare = await bareServer(benchUrl, {
      get: getStatements,
      list: listStatements,
      interviewId: short.interviewId,
    });
    closers.push(
      () => bare.app.close(),
      () => bare.client.end({ timeout: 5 }),
    );
    const at = (port: number, path: string) => `http://127.0.0.1:${port}${path}`;
    const getPath = `/interviews/${short.interviewId}`;
    const listPath = `/interviews?limit=${PAGE}`;
    const getInterview = await compare(at(oursPort, getPath), at(bare.port, getPath), studentKey);
    const listInterviews = await compare(at(oursPort, listPath), at(bare.port, listPath), studentKey);

    // The cursor a client holds after reading page 999: the id of that page's last row.
    const [row] = await direct.unsafe<{ id: string }[]>(
      'select id from interviews where tenant_id = $1 order by id offset $2 limit 1',
      [tenant.id, (KEYSET_PAGE - 1) * PAGE - 1],
    );
    const keyset = await keysetLatency(oursPort, adminKey, encodeCursor(row!.id));

    const result: ApiBenchResult = {
      interviews: INTERVIEWS + 2,
      getInterview,
      listInterviews,
      keyset,
      queriesPerRequest,
    };
    print(result, { seedSeconds, getStatements, listStatements });
    return result;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

function print(
  r: ApiBenchResult,
  extra: { seedSeconds: number; getStatements: Statement[]; listStatements: Statement[] },
) {
  const goal = (ok: boolean) => (ok ? 'ok  ' : 'MISS');
  const q = r.queriesPerRequest;
  const same =
    q.oneTimelineRow.get === q.thousandTimelineRows.get &&
    q.oneTimelineRow.timeline === q.thousandTimelineRows.timeline;
  const line = (name: string, f: ThroughputFigure) =>
    `  ${goal(f.ratio >= 0.85)} ${name.padEnd(28)} ours ${String(f.oursRps).padStart(6)} req/s   bare ${String(f.bareRps).padStart(6)} req/s   ratio ${f.ratio.toFixed(2)} (goal ≥ 0.85; of the medians ${f.ratioOfMedians.toFixed(2)})`;
  console.log(
    `\nAPI bench (PostgreSQL on loopback; ${r.interviews.toLocaleString('en-US')} interviews seeded in ${extra.seedSeconds.toFixed(0)} s; autocannon ${CONNECTIONS} connections, pipelining 1, in a child process; ${WARMUP_SECONDS} s warm-up for each side, then ${ROUNDS} back-to-back pairs of ${SECONDS} s rounds, the order flipped each pair; ratio = median of the pairs' ratios)`,
  );
  console.log(line('GET /interviews/{id}', r.getInterview));
  console.log(line(`GET /interviews?limit=${PAGE}`, r.listInterviews));
  for (const f of [r.getInterview, r.listInterviews]) {
    console.log(
      `       server CPU per request: ours ${f.cpu.oursUs} µs, bare ${f.cpu.bareUs} µs, bare ÷ ours ${f.cpu.ratio.toFixed(2)}\n       warm-up ours ${f.warmup.ours.join(' ')} | bare ${f.warmup.bare.join(' ')}\n       rounds ours ${f.oursRounds.join(' ')} | bare ${f.bareRounds.join(' ')} | pair ratios ${f.pairRatios.join(' ')}`,
    );
  }
  console.log(
    `  ${goal(r.keyset.ratio <= 1.5)} keyset page ${KEYSET_PAGE} vs page 1       ${r.keyset.page1000Ms} ms vs ${r.keyset.page1Ms} ms (median of ${LATENCY_SAMPLES}), ratio ${r.keyset.ratio.toFixed(2)} (goal ≤ 1.5)`,
  );
  console.log(
    `  ${goal(same)} SQL per request             1 timeline row: get ${q.oneTimelineRow.get}, timeline ${q.oneTimelineRow.timeline}   ${TIMELINE_ROWS} rows: get ${q.thousandTimelineRows.get}, timeline ${q.thousandTimelineRows.timeline} (goal: equal)`,
  );
  const show = (s: Statement[]) =>
    s.map((x) => `      ${x.text.replace(/\s+/g, ' ').slice(0, 150)}`).join('\n');
  console.log(
    `  SQL the bare routes replay per request:\n    get:\n${show(extra.getStatements)}\n    list:\n${show(extra.listStatements)}\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchApi();
}
