/**
 * Write-path bench: `POST /interviews/{id}/attempts` and `POST /touchpoints` end to end through
 * the real app (auth, If-Match, the transaction, the rule engine over a 100-interview network,
 * task and reminder upserts, the re-evaluation mechanism) against a bare Fastify route that runs
 * the statements the app was recorded running, in one transaction through `postgres` (named
 * prepared statements), substituting the request's ids. 20 students, each with 100 interviews
 * (30 reached, 70 prospects); each of 20 concurrent connections writes for its own student,
 * and once with a single connection. Goals: ours ≥ 0.5× bare, p99 ≤ 50 ms at 20 connections.
 * The load comes from a child process (keep-alive HTTP, one request at a time per connection);
 * the prospects and touchpoints are reset between rounds so every round does the same work.
 * Needs DATABASE_URL; BENCH_WRITE_ROUNDS and BENCH_WRITE_SECONDS shrink it. BENCH_WRITE_CAP=1 turns
 * on the tenant's professional cap (refuse, far above what the bench reaches) and gives every
 * contact its own email, so each attempt pays for the cap's lock and count.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
import { type ServiceContext, withTransaction } from '../src/services/context.js';
import { reevaluateNetwork } from '../src/services/network/reevaluate.js';
import { createTenant } from '../src/services/tenants/create.js';

const ROUNDS = Number(process.env.BENCH_WRITE_ROUNDS ?? 4);
const SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 2);
const STUDENTS = 20;
const REACHED = 30;
const PROSPECTS = 70;
const POOL = 20;
const WITH_CAP = process.env.BENCH_WRITE_CAP === '1';

interface Statement {
  text: string;
  params: unknown[];
}
interface Planned {
  path: string;
  headers: Record<string, string>;
  body: string;
}
interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}
export interface WriteFigure {
  connections: number;
  ours: LoadResult;
  bare: LoadResult;
  ratio: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round1 = (x: number) => Math.round(x * 10) / 10;

// One async loop per connection: its own student's requests in order, each once, until the time is up.
const LOAD_CHILD = `
const http = require('node:http');
const fs = require('node:fs');
const { file, port, seconds } = JSON.parse(process.argv[1]);
const plan = JSON.parse(fs.readFileSync(file, 'utf8'));
const agent = new http.Agent({ keepAlive: true, maxSockets: plan.length });
const latencies = []; let non2xx = 0; let last = '';
const send = (r) => new Promise((resolve) => {
  const started = performance.now();
  const req = http.request({ host: '127.0.0.1', port, path: r.path, method: 'POST', agent,
    headers: { ...r.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body) } }, (res) => {
    let body = ''; res.on('data', (c) => { body += c; });
    res.on('end', () => { latencies.push(performance.now() - started); if (res.statusCode >= 300) { non2xx++; last = res.statusCode + ' ' + body; } resolve(); });
  });
  req.on('error', (e) => { non2xx++; last = String(e); resolve(); });
  req.end(r.body);
});
(async () => {
  const began = performance.now(); const deadline = began + seconds * 1000;
  await Promise.all(plan.map(async (list) => { for (const r of list) { if (performance.now() > deadline) break; await send(r); } }));
  const elapsed = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  process.stdout.write(JSON.stringify({ rps: latencies.length / elapsed, p50: q(0.5), p99: q(0.99), non2xx, last }));
  agent.destroy();
})();`;

async function load(port: number, plan: Planned[][], seconds: number): Promise<LoadResult> {
  const file = path.join(tmpdir(), `iv-write-plan-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify(plan));
  const child = spawn(process.execPath, ['-e', LOAD_CHILD, JSON.stringify({ file, port, seconds })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  const r = JSON.parse(out) as LoadResult & { last: string };
  if (r.non2xx) throw new Error(`${r.non2xx} failed writes, the last: ${r.last}`);
  return { rps: Math.round(r.rps), p50: round1(r.p50), p99: round1(r.p99), non2xx: 0 };
}

/** The app's database for PostgreSQL, with a drizzle logger that records statements while asked. */
function recordingDatabase(url: string) {
  const recorder: { current: Statement[] | undefined } = { current: undefined };
  const client = postgres(url, { max: 2, onnotice: () => {} });
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

interface Seeded {
  tenantId: string;
  students: { id: string; key: string; reached: string[]; prospects: string[]; contacts: string[] }[];
  prospectFacts: unknown;
}

/** 20 students with 100 contacts and interviews each, copied in SQL from API-made templates. */
async function seed(app: InfoviewApp, database: Database, direct: postgres.Sql): Promise<Seeded> {
  const tenant = await createTenant({
    ctx: { db: database.db, now: () => new Date() },
    input: { name: 'Write Bench University', sandbox: false },
  });
  const adminKey = generateApiKey(false);
  await insertApiKey(database.db, new Date(), {
    tenantId: tenant.id,
    name: 'a',
    secret: adminKey,
    scope: 'admin',
  });
  const post = async (path: string, body: unknown, etag?: string) => {
    const r = await app.inject({
      method: 'POST',
      url: path,
      headers: { authorization: `Bearer ${adminKey}`, ...(etag ? { 'if-match': etag } : {}) },
      payload: body as Record<string, unknown>,
    });
    if (r.statusCode >= 300) throw new Error(`${path}: ${r.statusCode} ${r.body}`);
    return { body: r.json() as { id: string }, etag: r.headers.etag as string };
  };
  if (WITH_CAP) {
    const current = await app.inject({
      method: 'GET',
      url: '/policy',
      headers: { authorization: `Bearer ${adminKey}` },
    });
    const r = await app.inject({
      method: 'PUT',
      url: '/policy',
      headers: { authorization: `Bearer ${adminKey}`, 'if-match': current.headers.etag as string },
      payload: { professionalCap: { maxRequests: 10_000, periodDays: 30, enforcement: 'refuse' } },
    });
    if (r.statusCode >= 300) throw new Error(`PUT /policy: ${r.statusCode} ${r.body}`);
  }
  const students: Seeded['students'] = [];
  for (let s = 0; s < STUDENTS; s++) {
    const student = await post('/students', {
      externalId: `w-${s}`,
      name: `Student ${s}`,
      timeZone: 'America/New_York',
    });
    const key = generateApiKey(false);
    await insertApiKey(database.db, new Date(), {
      tenantId: tenant.id,
      name: `s${s}`,
      secret: key,
      scope: 'student',
      studentId: student.body.id,
    });
    const contact = await post('/contacts', {
      studentId: student.body.id,
      name: 'Template',
      organization: 'Acme',
      source: 'alumni_directory',
      ...(WITH_CAP ? { email: `template-${s}@acme.example` } : {}),
    });
    const reached = await post('/interviews', { contactId: contact.body.id, topics: ['career_change'] });
    await post(
      `/interviews/${reached.body.id}/attempts`,
      { channel: 'email', at: new Date(Date.now() - 5 * 86_400_000).toISOString() },
      reached.etag,
    );
    const c2 = await post('/contacts', {
      studentId: student.body.id,
      name: 'Template 2',
      organization: 'Globex',
      source: 'friend',
      ...(WITH_CAP ? { email: `template2-${s}@globex.example` } : {}),
    });
    const prospect = await post('/interviews', { contactId: c2.body.id, topics: ['career_change'] });
    // Copies: contact i and interview i (reached for i < REACHED, a prospect otherwise).
    await direct.begin(async (tx) => {
      await tx.unsafe(
        `insert into contacts (id, tenant_id, student_id, name, organization, title, email, phone, profile_url, source, known,
           referrer_contact_id, found_via, email_key, profile_url_key, version, created_at, updated_at)
         select gen_random_uuid(), t.tenant_id, t.student_id, 'Pat ' || i, 'Org ' || (i % 12), 'Engineer', e.email, null, null,
           t.source, false, null, null, e.email, null, 1, now(), now()
         from generate_series(1, ${REACHED + PROSPECTS - 2}) i, contacts t,
           lateral (select case when ${WITH_CAP} then 'pat' || i || '.' || t.student_id || '@example.org' end email) e
         where t.id = $1`,
        [contact.body.id],
      );
      await tx.unsafe(
        `insert into interviews (id, tenant_id, student_id, contact_id, state, topics, facts, meeting_at, event_count,
           last_event_at, question_list, version, created_at, updated_at)
         select gen_random_uuid(), t.tenant_id, t.student_id, c.id,
           case when c.n <= ${REACHED - 1} then r.state else p.state end,
           t.topics,
           case when c.n <= ${REACHED - 1} then r.facts else p.facts end,
           null,
           case when c.n <= ${REACHED - 1} then r.event_count else 0 end,
           case when c.n <= ${REACHED - 1} then r.last_event_at else null end,
           t.question_list, 1, now(), now()
         from (select id, row_number() over (order by id) n from contacts where student_id = $3 and name like 'Pat %') c,
           interviews t, interviews r, interviews p
         where t.id = $1 and r.id = $1 and p.id = $2`,
        [reached.body.id, prospect.body.id, student.body.id],
      );
    });
    const rows = await direct.unsafe<{ id: string; state: string; contact_id: string }[]>(
      'select id, state, contact_id from interviews where student_id = $1 order by id',
      [student.body.id],
    );
    students.push({
      id: student.body.id,
      key,
      reached: rows.filter((r) => r.state !== 'prospect').map((r) => r.id),
      prospects: rows.filter((r) => r.state === 'prospect').map((r) => r.id),
      contacts: rows.map((r) => r.contact_id),
    });
    // The stored tasks and reminders of the whole network, as a write would have left them.
    const ctx: ServiceContext = {
      db: database.db,
      tenantId: tenant.id,
      actor: {
        apiKeyId: randomUUID(),
        scope: 'admin',
        role: 'admin',
        studentId: null,
        advisorId: null,
        actingAs: false,
      },
      now: () => new Date(),
      log: { info() {}, warn() {}, error() {} },
    };
    await withTransaction(ctx, (tx) => reevaluateNetwork({ ctx: tx, input: { studentId: student.body.id } }));
  }
  const [p] = await direct.unsafe<{ facts: unknown }[]>(
    `select facts from interviews where tenant_id = $1 and state = 'prospect' limit 1`,
    [tenant.id],
  );
  await direct.unsafe('vacuum analyze');
  return { tenantId: tenant.id, students, prospectFacts: p!.facts };
}

/** Every prospect back to `prospect` (version 1, no events) and no touchpoints: each round does the same work. */
async function reset(direct: postgres.Sql, seeded: Seeded) {
  const pool = seeded.students.flatMap((s) => s.prospects);
  await direct.begin(async (tx) => {
    await tx.unsafe('delete from interview_events where interview_id = any($1::uuid[])', [pool]);
    await tx.unsafe(
      `update interviews set state = 'prospect', facts = $2::text::jsonb, event_count = 0, last_event_at = null, version = 1
       where id = any($1::uuid[])`,
      [pool, JSON.stringify(seeded.prospectFacts)],
    );
    await tx.unsafe('delete from touchpoints where tenant_id = $1', [seeded.tenantId]);
  });
}

/** A bare route per write: the recorded statements in one transaction, with the request's ids. */
async function bareServer(
  url: string,
  recorded: { attempt: Statement[]; touchpoint: Statement[] },
  ids: { interview: string; student: string; contact: string; known: Set<string> },
  owners: Map<string, string>,
) {
  const client = postgres(url, { max: POOL, onnotice: () => {} });
  const app = Fastify();
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const replay = (statements: Statement[], map: Map<string, string>) =>
    client.begin(async (tx) => {
      for (const s of statements) {
        // New rows get new ids; the recorded request's interview, contact and student become this one's.
        const params = s.params.map((p) =>
          typeof p === 'string' && uuid.test(p) ? (map.get(p) ?? (ids.known.has(p) ? p : randomUUID())) : p,
        );
        await tx.unsafe(s.text, params as never[], { prepare: true });
      }
    });
  app.post<{ Params: { id: string } }>('/interviews/:id/attempts', async (request) => {
    const student = owners.get(request.params.id)!;
    await replay(
      recorded.attempt,
      new Map([
        [ids.interview, request.params.id],
        [ids.student, student],
      ]),
    );
    return { ok: true };
  });
  app.post<{ Body: { contactId: string } }>('/touchpoints', async (request) => {
    const student = owners.get(request.body.contactId)!;
    await replay(
      recorded.touchpoint,
      new Map([
        [ids.contact, request.body.contactId],
        [ids.student, student],
      ]),
    );
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, client, port: (app.server.address() as AddressInfo).port };
}

export async function benchWritePath(): Promise<
  { attempts: WriteFigure[]; touchpoints: WriteFigure[] } | undefined
> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log('Write-path bench SKIPPED: set DATABASE_URL (PostgreSQL, e.g. on loopback) to run it.');
    return undefined;
  }
  const dbName = `iv_bench_write_${randomBytes(6).toString('hex')}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${dbName}`;
  const benchUrl = url.toString();
  const config = {
    ...loadConfig({ LOG_LEVEL: 'warn', DATABASE_URL: benchUrl }),
    rateLimitMax: 1_000_000,
    // PostgreSQL requires the operator's keys for secrets at rest; the bench makes its own.
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
    const direct = postgres(benchUrl, { max: 1, onnotice: () => {} });
    closers.push(() => direct.end({ timeout: 5 }));
    console.log(`Write-path bench: seeding ${STUDENTS} students × ${REACHED + PROSPECTS} interviews…`);
    const seeded = await seed(app, database, direct);

    // The statements of one attempt and one touchpoint, from a second app on a recording client.
    const recorded = recordingDatabase(benchUrl);
    const recordingApp = await buildApp(config, { database: recorded.database });
    await recordingApp.ready();
    await recordingApp.reminders.stop();
    const first = seeded.students[0]!;
    const record = async (pathname: string, body: unknown, etag?: string) => {
      const inject = (p: string, b: unknown, e?: string) =>
        recordingApp.inject({
          method: 'POST',
          url: p,
          headers: { authorization: `Bearer ${first.key}`, ...(e ? { 'if-match': e } : {}) },
          payload: b as Record<string, unknown>,
        });
      // Warm the auth and test-clock caches on another write first, as in steady state.
      await inject('/touchpoints', { contactId: first.contacts[1], kind: 'keep_in_touch' });
      const statements: Statement[] = [];
      recorded.recorder.current = statements;
      const r = await inject(pathname, body, etag).finally(() => {
        recorded.recorder.current = undefined;
      });
      if (r.statusCode >= 300) throw new Error(`${pathname}: ${r.statusCode} ${r.body}`);
      return statements;
    };
    const attemptStatements = await record(
      `/interviews/${first.prospects[0]}/attempts`,
      { channel: 'email' },
      `"${first.prospects[0]}:1"`,
    );
    const touchpointStatements = await record('/touchpoints', {
      contactId: first.contacts[0],
      kind: 'keep_in_touch',
    });
    await recordingApp.close();
    await recorded.database.close();

    const knownRows = await direct.unsafe<{ id: string }[]>(
      `select id from tenants union all select id from students union all select id from contacts
       union all select id from interviews union all select id from api_keys`,
    );
    const owners = new Map<string, string>();
    for (const s of seeded.students)
      for (const id of [...s.prospects, ...s.reached, ...s.contacts]) owners.set(id, s.id);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const oursPort = (app.server.address() as AddressInfo).port;
    const bare = await bareServer(
      benchUrl,
      { attempt: attemptStatements, touchpoint: touchpointStatements },
      {
        interview: first.prospects[0]!,
        student: first.id,
        contact: first.contacts[0]!,
        known: new Set(knownRows.map((r) => r.id)),
      },
      owners,
    );
    closers.push(
      () => bare.app.close(),
      () => bare.client.end({ timeout: 5 }),
    );

    const plans = {
      attempts: (connections: number) =>
        seeded.students.slice(0, connections).map((s) =>
          s.prospects.map((id) => ({
            path: `/interviews/${id}/attempts`,
            headers: { authorization: `Bearer ${s.key}`, 'if-match': `"${id}:1"` },
            body: JSON.stringify({ channel: 'email' }),
          })),
        ),
      touchpoints: (connections: number) =>
        seeded.students.slice(0, connections).map((s) =>
          Array.from({ length: 2000 }, (_, i) => ({
            path: '/touchpoints',
            headers: { authorization: `Bearer ${s.key}` },
            body: JSON.stringify({ contactId: s.contacts[i % s.contacts.length], kind: 'keep_in_touch' }),
          })),
        ),
    };
    const measure = async (which: keyof typeof plans, connections: number): Promise<WriteFigure> => {
      const plan = plans[which](connections);
      const ours: LoadResult[] = [];
      const bareResults: LoadResult[] = [];
      // One warm-up round each, then pairs in alternating order.
      for (const port of [oursPort, bare.port]) {
        await reset(direct, seeded);
        await load(port, plan, 1);
      }
      for (let i = 0; i < ROUNDS; i++) {
        const order = i % 2 === 0 ? [oursPort, bare.port] : [bare.port, oursPort];
        for (const port of order) {
          await reset(direct, seeded);
          (port === oursPort ? ours : bareResults).push(await load(port, plan, SECONDS));
        }
      }
      const pick = (rs: LoadResult[]): LoadResult => ({
        rps: median(rs.map((r) => r.rps)),
        p50: median(rs.map((r) => r.p50)),
        p99: median(rs.map((r) => r.p99)),
        non2xx: 0,
      });
      const ratios = ours.map((o, i) => o.rps / bareResults[i]!.rps);
      return {
        connections,
        ours: pick(ours),
        bare: pick(bareResults),
        ratio: Math.round(median(ratios) * 100) / 100,
      };
    };
    const result = {
      attempts: [await measure('attempts', 1), await measure('attempts', STUDENTS)],
      touchpoints: [await measure('touchpoints', 1), await measure('touchpoints', STUDENTS)],
    };
    const goal = (ok: boolean) => (ok ? 'ok  ' : 'MISS');
    console.log(
      `\nWrite-path bench (PostgreSQL on loopback; ${STUDENTS} students × ${REACHED + PROSPECTS}-interview networks; each connection writes for its own student; ${ROUNDS} pairs of ${SECONDS} s rounds after a warm-up; medians; ratio = median of the pairs' ratios)`,
    );
    for (const [name, figures] of [
      ['POST /interviews/{id}/attempts', result.attempts],
      ['POST /touchpoints', result.touchpoints],
    ] as const) {
      for (const f of figures) {
        const concurrent = f.connections === STUDENTS;
        const ok = !concurrent || (f.ratio >= 0.5 && f.ours.p99 <= 50);
        console.log(
          `  ${goal(ok)} ${name.padEnd(31)} ${String(f.connections).padStart(2)} conn  ours ${String(f.ours.rps).padStart(5)} req/s p50 ${f.ours.p50} ms p99 ${f.ours.p99} ms   bare ${String(f.bare.rps).padStart(5)} req/s p50 ${f.bare.p50} ms p99 ${f.bare.p99} ms   ratio ${f.ratio.toFixed(2)}${concurrent ? ' (goal ≥ 0.5, p99 ≤ 50 ms)' : ''}`,
        );
      }
    }
    const show = (s: Statement[]) =>
      s.map((x) => `      ${x.text.replace(/\s+/g, ' ').slice(0, 140)}`).join('\n');
    console.log(
      `  SQL statements per write (besides BEGIN/COMMIT): attempt ${attemptStatements.length}, touchpoint ${touchpointStatements.length}\n    attempt:\n${show(attemptStatements)}\n    touchpoint:\n${show(touchpointStatements)}\n`,
    );
    return result;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchWritePath();
}
