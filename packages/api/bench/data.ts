/**
 * Data bench: `GET /students/{id}/export` (the whole record as JSON, streamed) and
 * `DELETE /students/{id}` (the erasure) of a student with 1,000 interviews, end to end through
 * the real app on PostgreSQL. Each interview has its own contact, a timeline of three events,
 * a note and a question list; the rule engine has derived their tasks and reminders (one
 * follow-up each). A copy of one interview built through the API is the template, so every row
 * is what the services write. Goal: each ≤ 2 s (medians of BENCH_DATA_ROUNDS, default 5).
 * Needs DATABASE_URL.
 */
import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { buildApp, type InfoviewApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { generateSecretKey } from '../src/crypto/secret-keyring.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { contacts } from '../src/db/schema/contacts.js';
import { interviewEvents, interviews } from '../src/db/schema/interviews.js';
import { notes } from '../src/db/schema/network.js';
import { newId } from '../src/lib/ids.js';
import { insertApiKey } from '../src/services/api-keys/insert.js';
import { generateApiKey } from '../src/services/api-keys/secret.js';
import { withTransaction } from '../src/services/context.js';
import { reevaluateNetwork } from '../src/services/network/reevaluate.js';
import { createTenant } from '../src/services/tenants/create.js';

const ROUNDS = Number(process.env.BENCH_DATA_ROUNDS ?? 5);
const INTERVIEWS = 1000;
const GOAL_MS = 2000;
const CHUNK = 500;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** A student with INTERVIEWS interviews, copied from one the API built; returns its id. */
async function seedStudent(app: InfoviewApp, database: Database, tenantId: string, adminKey: string) {
  const db = database.db;
  const inject = async (method: 'POST' | 'PUT', url: string, body: unknown, etag?: string) => {
    const res = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${adminKey}`, ...(etag ? { 'if-match': etag } : {}) },
      payload: body as Record<string, unknown>,
    });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res;
  };
  const tag = randomBytes(4).toString('hex');
  const student = (
    await inject('POST', '/students', { externalId: `bench-${tag}`, name: `Bench ${tag}`, timeZone: 'UTC' })
  ).json();
  const contact = (
    await inject('POST', '/contacts', {
      studentId: student.id,
      name: 'Template Person',
      email: `template-${tag}@example.com`,
      source: 'alumni_directory',
    })
  ).json();
  const created = await inject('POST', '/interviews', { contactId: contact.id, topics: ['career_change'] });
  const id = created.json().id;
  let etag = created.headers.etag as string;
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  etag = (await inject('POST', `/interviews/${id}/attempts`, { channel: 'email', at: at(3) }, etag)).headers
    .etag as string;
  etag = (
    await inject(
      'PUT',
      `/interviews/${id}/questions`,
      { items: [{ text: 'What do you wish you had known?' }] },
      etag,
    )
  ).headers.etag as string;
  const [template] = await db.select().from(interviews).where(eq(interviews.id, id));
  const events = await db
    .select()
    .from(interviewEvents)
    .where(eq(interviewEvents.interviewId, id))
    .orderBy(asc(interviewEvents.seq));

  const now = new Date();
  const contactRows = Array.from({ length: INTERVIEWS - 1 }, (_, i) => ({
    id: newId(),
    tenantId,
    studentId: student.id,
    name: `Person ${i} ${tag}`,
    organization: `Org ${i % 50}`,
    title: 'Analyst',
    email: `p${i}-${tag}@example.com`,
    emailKey: `p${i}-${tag}@example.com`,
    phone: '+1 617 555 0100',
    source: 'alumni_directory' as const,
  }));
  await inChunks(contactRows, (chunk) => db.insert(contacts).values(chunk));
  const interviewRows = contactRows.map((c) => ({
    ...template!,
    id: newId(),
    contactId: c.id,
    createdAt: now,
    updatedAt: now,
  }));
  await inChunks(interviewRows, (chunk) => db.insert(interviews).values(chunk));
  const eventRows = interviewRows.flatMap((row) =>
    [...events, ...events, ...events]
      .slice(0, 3)
      .map((e, seq) => ({ ...e, id: newId(), interviewId: row.id, seq: seq + 1 })),
  );
  await inChunks(eventRows, (chunk) => db.insert(interviewEvents).values(chunk));
  const noteRows = interviewRows.map((row) => ({
    id: newId(),
    tenantId,
    studentId: student.id,
    interviewId: row.id,
    text: 'Talked about the first year in the role and what to read.',
    learnedPoints: ['read the annual report'],
    at: now,
  }));
  await inChunks(noteRows, (chunk) => db.insert(notes).values(chunk));
  // Tasks and reminders as the rule engine derives them (a follow-up per interview).
  const ctx = {
    db,
    tenantId,
    actor: {
      apiKeyId: newId(),
      scope: 'admin',
      role: 'admin',
      studentId: null,
      advisorId: null,
      actingAs: false,
    },
    now: () => new Date(),
    log: { info() {}, warn() {}, error() {} },
  } as const;
  await withTransaction({ ...ctx, actor: { ...ctx.actor } }, (tx) =>
    reevaluateNetwork({ ctx: tx, input: { studentId: student.id } }),
  );
  return student.id as string;
}

export interface DataFigures {
  exportMs: number;
  eraseMs: number;
  exportBytes: number;
}

export async function benchData(): Promise<DataFigures | undefined> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log('Data bench SKIPPED: set DATABASE_URL (PostgreSQL, e.g. on loopback) to run it.');
    return undefined;
  }
  const dbName = `iv_bench_data_${randomBytes(6).toString('hex')}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${dbName}`;
  const benchUrl = url.toString();
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const database = await openDatabase({ databaseUrl: benchUrl, maxConnections: 10 });
    closers.push(() => database.close());
    await migrateDatabase(database);
    const config = {
      ...loadConfig({ LOG_LEVEL: 'warn', DATABASE_URL: benchUrl }),
      rateLimitMax: 1_000_000,
      secretKeys: [generateSecretKey('bench')],
    };
    const app = await buildApp(config, { database });
    closers.push(() => app.close());
    await app.ready();
    const tenant = await createTenant({
      ctx: { db: database.db, now: () => new Date() },
      input: { name: 'Bench University', sandbox: false },
    });
    const adminKey = generateApiKey(false);
    await insertApiKey(database.db, new Date(), {
      tenantId: tenant.id,
      name: 'admin',
      secret: adminKey,
      scope: 'admin',
    });

    console.log(`Data bench: seeding ${ROUNDS} students × ${INTERVIEWS} interviews…`);
    const studentIds: string[] = [];
    for (let i = 0; i < ROUNDS; i++) studentIds.push(await seedStudent(app, database, tenant.id, adminKey));
    const headers = { authorization: `Bearer ${adminKey}` };

    const exportTimes: number[] = [];
    let exportBytes = 0;
    for (const id of studentIds) {
      const started = performance.now();
      const res = await app.inject({ method: 'GET', url: `/students/${id}/export`, headers });
      exportTimes.push(performance.now() - started);
      if (res.statusCode !== 200) throw new Error(`export: ${res.statusCode} ${res.body}`);
      const doc = res.json();
      if (doc.interviews.length !== INTERVIEWS || doc.interviews.at(-1).timeline.length !== 3) {
        throw new Error('export: the document does not hold the seeded record');
      }
      exportBytes = res.rawPayload.length;
    }
    const eraseTimes: number[] = [];
    for (const id of studentIds) {
      const started = performance.now();
      const res = await app.inject({ method: 'DELETE', url: `/students/${id}`, headers });
      eraseTimes.push(performance.now() - started);
      if (res.statusCode !== 200) throw new Error(`erasure: ${res.statusCode} ${res.body}`);
      if (res.json().counts.interviews !== INTERVIEWS) throw new Error('erasure: not every interview went');
    }
    const figures = { exportMs: median(exportTimes), eraseMs: median(eraseTimes), exportBytes };
    const row = (name: string, ms: number, all: number[]) =>
      `  ${name.padEnd(30)} median ${ms.toFixed(0).padStart(5)} ms  (goal ≤ ${GOAL_MS} ms: ${(ms / GOAL_MS).toFixed(2)}× the budget; runs ${all.map((x) => x.toFixed(0)).join(', ')} ms)`;
    console.log(`Data bench, a student with ${INTERVIEWS} interviews (${ROUNDS} rounds):`);
    console.log(row('GET /students/{id}/export', figures.exportMs, exportTimes));
    console.log(`  ${''.padEnd(30)} ${(exportBytes / 1024 / 1024).toFixed(1)} MB of JSON`);
    console.log(row('DELETE /students/{id}', figures.eraseMs, eraseTimes));
    return figures;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchData();
