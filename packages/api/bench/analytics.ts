/**
 * Analytics bench: 20,000 students and 1,000,000 interviews in PostgreSQL (100 advisors with 200
 * students each), then `GET /analytics/…` over HTTP for the tenant, a cohort and a student, over
 * the default 12 weeks and over a year, JSON and CSV: p50 and p95 per request, one connection and
 * four. Goal: every p95 ≤ 200 ms. The interviews are generated in SQL (generate_series: states,
 * attempts, replies, meetings, thank-yous and referrals spread over a year); the rollups are then
 * built by the same contribution function the write path runs, copied in, and the tenant's sums
 * aggregated once — what the write path would have left after writing them one by one.
 * Needs DATABASE_URL; BENCH_ANALYTICS_STUDENTS, BENCH_ANALYTICS_INTERVIEWS and
 * BENCH_ANALYTICS_REQUESTS shrink it.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Contact, type Interview, resolvePolicy } from '@infoview/core';
import postgres from 'postgres';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { generateSecretKey } from '../src/crypto/secret-keyring.js';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import type { InterviewFacts } from '../src/db/schema/interviews.js';
import { contributionOf } from '../src/services/analytics/contribution.js';
import { insertApiKey } from '../src/services/api-keys/insert.js';
import { generateApiKey } from '../src/services/api-keys/secret.js';
import { snapshotOf } from '../src/services/interviews/snapshot.js';
import { createTenant } from '../src/services/tenants/create.js';

const STUDENTS = Number(process.env.BENCH_ANALYTICS_STUDENTS ?? 20_000);
const INTERVIEWS = Number(process.env.BENCH_ANALYTICS_INTERVIEWS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_ANALYTICS_REQUESTS ?? 200);
const ADVISORS = 100;
const DAY = 86_400_000;

export interface AnalyticsFigure {
  request: string;
  connections: number;
  p50: number;
  p95: number;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10;
};

/** Students, advisors, contacts and interviews in SQL; every reference valid by construction. */
async function seed(sql: postgres.Sql, tenantId: string) {
  const base = Date.now() - 364 * DAY;
  await sql.begin(async (tx) => {
    await tx.unsafe('set local session_replication_role = replica');
    await tx.unsafe(
      `insert into students (id, tenant_id, external_id, name, time_zone, profile)
       select gen_random_uuid(), $1, 'bench-' || i, 'Student ' || i, 'UTC', '{}'::jsonb from generate_series(1, ${STUDENTS}) i`,
      [tenantId],
    );
    await tx.unsafe(
      `insert into advisors (id, tenant_id, name) select gen_random_uuid(), $1, 'Advisor ' || i from generate_series(1, ${ADVISORS}) i`,
      [tenantId],
    );
    await tx.unsafe(
      `insert into advisor_students (tenant_id, advisor_id, student_id)
       select $1, a.id, s.id from (select id, row_number() over (order by id) - 1 as n from students where tenant_id = $1) s
       join (select id, row_number() over (order by id) - 1 as n from advisors where tenant_id = $1) a on a.n = s.n % ${ADVISORS}`,
      [tenantId],
    );
    const sources = `(array['family','friend','classmate','coworker','supervisor','alumni_directory','faculty','professional_organization','event','online_network','publication','referral','other'])`;
    await tx.unsafe(
      `create temp table seed_rows on commit drop as
       select i, st.a[1 + i % ${STUDENTS}] as student_id, gen_random_uuid() as contact_id, gen_random_uuid() as interview_id,
         ${sources}[1 + floor(random() * 13)::int] as source,
         ${base}::bigint + floor(random() * ${364 * DAY})::bigint as created,
         random() as r_out, random() as r_fu, random() as r_reply, random() as r_accept, random() as r_done,
         random() as r_thank, random() as r_ref, random() as r_phone, floor(random() * 10)::int as d
       from generate_series(1, ${INTERVIEWS}) i,
         (select array_agg(id order by id) as a from students where tenant_id = '${tenantId}') st`,
    );
    await tx.unsafe(
      `insert into contacts (id, tenant_id, student_id, name, source, known)
       select contact_id, $1, student_id, 'Contact ' || i, source, false from seed_rows`,
      [tenantId],
    );
    // The lifecycle, roughly as cohorts live it: 85 % reached, a third followed up, 45 % replied, …
    await tx.unsafe(
      `with f as (
         select *, created + (1 + d % 4) * ${DAY}::bigint as out_at, r_out < 0.85 as has_out,
           r_out < 0.85 and r_fu < 0.35 as has_fu, r_out < 0.85 and r_reply < 0.45 as replied
         from seed_rows
       ), g as (
         select *, (case when has_fu then out_at + 14 * ${DAY}::bigint else out_at end) + (1 + d) * ${DAY}::bigint as reply_at,
           replied and r_accept < 0.8 as accepted from f
       ), h as (
         select *, reply_at + (2 + d) * ${DAY}::bigint as meeting_at, accepted and r_done < 0.8 as done from g
       )
       insert into interviews (id, tenant_id, student_id, contact_id, state, topics, facts, meeting_at, event_count, created_at, updated_at)
       select interview_id, $1, student_id, contact_id,
         case when done and r_thank < 0.85 then 'nurturing' when done then 'completed' when accepted then 'scheduled'
              when replied then 'declined' when has_fu then 'followed_up' when has_out then 'awaiting_reply' else 'prospect' end,
         '[]'::jsonb,
         jsonb_build_object(
           'attempts', case when not has_out then '[]'::jsonb
             else jsonb_build_array(jsonb_build_object('at', out_at, 'channel', case when r_phone < 0.1 then 'phone' else 'email' end, 'kind', 'outreach'))
               || case when has_fu then jsonb_build_array(jsonb_build_object('at', out_at + 14 * ${DAY}::bigint, 'channel', 'email', 'kind', 'follow_up')) else '[]'::jsonb end end,
           'reply', case when replied then jsonb_build_object('at', reply_at, 'response', case when accepted then 'accepted' else 'declined' end) end,
           'meeting', case when accepted then jsonb_build_object('at', meeting_at, 'durationMinutes', 30) end,
           'prep', '{}'::jsonb,
           'completedAt', case when done then meeting_at + 1800000 end,
           'actualMinutes', null, 'invitedToStay', false, 'notesAt', null, 'learnedPoints', '[]'::jsonb,
           'thankYouAt', case when done and r_thank < 0.85 then meeting_at + 1800000 + floor(r_thank * 40 / 0.85)::bigint * 3600000 end,
           'referralCount', case when done then floor(r_ref * 2.4)::int else 0 end,
           'noReferralAvailable', false, 'opportunities', '[]'::jsonb,
           'closedAt', case when replied and not accepted then reply_at end),
         case when accepted then to_timestamp(meeting_at / 1000.0) end, 0,
         to_timestamp(created / 1000.0), to_timestamp(created / 1000.0)
       from h`,
      [tenantId],
    );
  });
  await sql.unsafe('vacuum analyze students, advisors, advisor_students, contacts, interviews');
}

/**
 * The rollups the write path would have built, from the stored networks by the same contribution
 * function: the students' rows copied in (the per-row trigger off, as a restore would), then the
 * tenant's sums aggregated in one statement — the sums the trigger keeps.
 */
async function buildRollups(sql: postgres.Sql, tenantId: string) {
  const policy = resolvePolicy({});
  if (!policy.ok) throw new Error('the guide policy does not resolve');
  const ids = (await sql`select id from students where tenant_id = ${tenantId} order by id`).map(
    (r) => r.id as string,
  );
  // As a restore would: no per-row trigger (the tenant's sums are aggregated below) and no FK checks.
  await sql.unsafe('set session_replication_role = replica');
  let rows = 0;
  const spent = { read: 0, compute: 0, copy: 0 };
  for (let at = 0; at < ids.length; at += 1000) {
    const batch = ids.slice(at, at + 1000);
    let t0 = performance.now();
    const contacts = await sql`select id, student_id, name, organization, source, known, referrer_contact_id
      from contacts where tenant_id = ${tenantId} and student_id in ${sql(batch)}`;
    const interviews = await sql`select id, student_id, contact_id, state, topics, facts, created_at
      from interviews where tenant_id = ${tenantId} and student_id in ${sql(batch)}`;
    const byStudent = new Map<
      string,
      { contacts: Contact[]; interviews: Interview[]; identifiedAt: Map<string, number> }
    >();
    for (const id of batch) byStudent.set(id, { contacts: [], interviews: [], identifiedAt: new Map() });
    for (const c of contacts) {
      byStudent.get(c.student_id)!.contacts.push({
        id: c.id,
        name: c.name,
        organization: c.organization,
        source: c.source,
        known: c.known,
        referrerContactId: c.referrer_contact_id,
      });
    }
    for (const i of interviews) {
      const s = byStudent.get(i.student_id)!;
      s.interviews.push(
        snapshotOf({
          id: i.id,
          contactId: i.contact_id,
          state: i.state,
          topics: i.topics,
          facts: i.facts as InterviewFacts,
        }),
      );
      s.identifiedAt.set(i.id, (i.created_at as Date).getTime());
    }
    spent.read += performance.now() - t0;
    t0 = performance.now();
    const weekRows: string[] = [];
    const snapshots: string[] = [];
    for (const [studentId, s] of byStudent) {
      const contribution = contributionOf({
        network: {
          student: { id: studentId, timeZone: 'UTC' },
          contacts: s.contacts,
          interviews: s.interviews,
          touchpoints: [],
          milestones: [],
        },
        identifiedAt: s.identifiedAt,
        policy: policy.policy,
      });
      for (const [k, v] of contribution) {
        const bar = k.indexOf('|');
        weekRows.push(`${tenantId}\t${studentId}\t${k.slice(0, bar)}\t${k.slice(bar + 1)}\t${v}\n`);
      }
      snapshots.push(
        `${studentId}\t${tenantId}\t${JSON.stringify(Object.fromEntries(contribution)).replace(/\\/g, '\\\\')}\n`,
      );
    }
    rows += weekRows.length;
    spent.compute += performance.now() - t0;
    t0 = performance.now();
    await copy(sql, 'analytics_student_weeks (tenant_id, student_id, week, metric, value)', weekRows);
    await copy(sql, 'analytics_students (student_id, tenant_id, figures)', snapshots);
    spent.copy += performance.now() - t0;
  }
  console.log(
    `  rollup build: read ${(spent.read / 1000).toFixed(1)} s, contributions ${(spent.compute / 1000).toFixed(1)} s, copy ${(spent.copy / 1000).toFixed(1)} s`,
  );
  await sql.unsafe('set session_replication_role = origin');
  await sql`insert into analytics_tenant_weeks (tenant_id, week, metric, shard, value, students)
    select tenant_id, week, metric, hashtext(student_id::text) & 3, sum(value), count(*) filter (where value <> 0)
    from analytics_student_weeks where tenant_id = ${tenantId} group by 1, 2, 3, 4`;
  await sql.unsafe('vacuum analyze analytics_student_weeks, analytics_students, analytics_tenant_weeks');
  return rows;
}

async function copy(sql: postgres.Sql, target: string, lines: string[]) {
  const stream = await sql.unsafe(`copy ${target} from stdin`).writable();
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    for (let i = 0; i < lines.length; i += 5000) stream.write(lines.slice(i, i + 5000).join(''));
    stream.end();
  });
}

async function timed(port: number, path: string, key: string, accept: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    headers: { authorization: `Bearer ${key}`, accept },
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body}`);
  return performance.now() - started;
}

export async function benchAnalytics(): Promise<AnalyticsFigure[] | undefined> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log('Analytics bench SKIPPED: set DATABASE_URL (PostgreSQL, e.g. on loopback) to run it.');
    return undefined;
  }
  const dbName = `iv_bench_analytics_${randomBytes(6).toString('hex')}`;
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
    const direct = postgres(benchUrl, { max: 1, onnotice: () => {} });
    closers.push(() => direct.end({ timeout: 5 }));
    const tenant = await createTenant({
      ctx: { db: database.db, now: () => new Date() },
      input: { name: 'Bench University', sandbox: false },
    });
    let started = performance.now();
    console.log(`Analytics bench: seeding ${STUDENTS} students × ${INTERVIEWS} interviews in SQL…`);
    await seed(direct, tenant.id);
    const seedSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const rollupRows = await buildRollups(direct, tenant.id);
    const rollupSeconds = (performance.now() - started) / 1000;
    console.log(
      `  seeded in ${seedSeconds.toFixed(1)} s; rollups (${rollupRows} student×week×metric rows) built in ${rollupSeconds.toFixed(1)} s`,
    );

    const app = await buildApp(
      {
        ...loadConfig({ LOG_LEVEL: 'warn', DATABASE_URL: benchUrl }),
        rateLimitMax: 1_000_000,
        secretKeys: [generateSecretKey('bench')],
      },
      { database },
    );
    closers.push(() => app.close());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const key = async (
      scope: 'admin' | 'advisor' | 'student',
      subject: { advisorId?: string; studentId?: string } = {},
    ) => {
      const secret = generateApiKey(false);
      await insertApiKey(database.db, new Date(), {
        tenantId: tenant.id,
        name: `bench ${scope}`,
        secret,
        scope,
        ...subject,
      });
      return secret;
    };
    const [advisor] =
      await direct`select advisor_id as id from advisor_students where tenant_id = ${tenant.id} limit 1`;
    const [student] =
      await direct`select id from students where tenant_id = ${tenant.id} order by id limit 1`;
    const adminKey = await key('admin');
    const advisorKey = await key('advisor', { advisorId: advisor!.id });
    const studentKey = await key('student', { studentId: student!.id });
    const today = new Date().toISOString().slice(0, 10);
    const yearAgo = new Date(Date.now() - 51 * 7 * DAY).toISOString().slice(0, 10);
    const year = `from=${yearAgo}&to=${today}`;
    const requests: { name: string; path: string; key: string; accept?: string }[] = [
      { name: 'tenant, 12 weeks', path: '/analytics/tenant', key: adminKey },
      { name: 'tenant, 52 weeks', path: `/analytics/tenant?${year}`, key: adminKey },
      {
        name: 'tenant, 52 weeks, CSV reply_rates',
        path: `/analytics/tenant?${year}&table=reply_rates`,
        key: adminKey,
        accept: 'text/csv',
      },
      {
        name: `cohort (${STUDENTS / ADVISORS} students), 12 weeks`,
        path: `/analytics/advisors/${advisor!.id}`,
        key: advisorKey,
      },
      {
        name: `cohort (${STUDENTS / ADVISORS} students), 52 weeks`,
        path: `/analytics/advisors/${advisor!.id}?${year}`,
        key: advisorKey,
      },
      { name: 'own student, 52 weeks', path: `/analytics/students/${student!.id}?${year}`, key: studentKey },
    ];
    const figures: AnalyticsFigure[] = [];
    for (const r of requests) {
      for (const connections of [1, 4]) {
        const latencies: number[] = [];
        for (let i = 0; i < 20; i++) await timed(port, r.path, r.key, r.accept ?? 'application/json');
        let next = 0;
        await Promise.all(
          Array.from({ length: connections }, async () => {
            while (next++ < REQUESTS)
              latencies.push(await timed(port, r.path, r.key, r.accept ?? 'application/json'));
          }),
        );
        figures.push({
          request: r.name,
          connections,
          p50: quantile(latencies, 0.5),
          p95: quantile(latencies, 0.95),
        });
      }
    }
    console.log(
      `\nAnalytics bench (PostgreSQL on loopback; ${STUDENTS} students, ${INTERVIEWS} interviews over a year, ${ADVISORS} advisors × ${STUDENTS / ADVISORS} students; ${REQUESTS} requests each after 20 warm-up)`,
    );
    for (const f of figures) {
      console.log(
        `  ${f.p95 <= 200 ? 'ok  ' : 'MISS'} GET ${f.request.padEnd(36)} ${String(f.connections).padStart(2)} conn  p50 ${String(f.p50).padStart(6)} ms  p95 ${String(f.p95).padStart(6)} ms (goal p95 ≤ 200 ms)`,
      );
    }
    return figures;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await benchAnalytics();
}
