/**
 * Calendars bench: a student's subscription feed with 500 meetings and 500 open tasks, on
 * PostgreSQL. Times the whole request (`GET /calendar-feeds/<token>.ics` through the app: rate
 * limit, token lookup, two queries, ical-generator) and, side by side, ical-generator alone on
 * the same 1,000 events (no database), so the ratio shows what the queries cost. Goal: the
 * request's median ≤ 100 ms. Needs DATABASE_URL; BENCH_CALENDAR_RUNS changes the run count.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { generateSecretKey } from '../src/crypto/secret-keyring.js';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { contacts } from '../src/db/schema/contacts.js';
import type { InterviewFacts } from '../src/db/schema/interviews.js';
import { interviews } from '../src/db/schema/interviews.js';
import { students } from '../src/db/schema/students.js';
import { tasks } from '../src/db/schema/tasks.js';
import { insertApiKey } from '../src/services/api-keys/insert.js';
import { generateApiKey } from '../src/services/api-keys/secret.js';
import { addMeetingEvent, newCalendar } from '../src/services/calendars/meeting-event.js';
import { renderCalendar } from '../src/services/calendars/render.js';
import { createTenant } from '../src/services/tenants/create.js';

const MEETINGS = 500;
const TASKS = 500;
const RUNS = Number(process.env.BENCH_CALENDAR_RUNS ?? 50);
const GOAL_MS = 100;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round1 = (x: number) => Math.round(x * 10) / 10;

async function time(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 5; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

export async function benchCalendars(): Promise<{ feedMs: number; generatorMs: number } | undefined> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.log('Calendars bench SKIPPED: set DATABASE_URL (PostgreSQL, e.g. on loopback) to run it.');
    return undefined;
  }
  const name = `iv_bench_cal_${randomBytes(4).toString('hex')}`;
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  try {
    await migrateDatabase(database);
    const db = database.db;
    const now = new Date();
    const tenant = await createTenant({
      ctx: { db, now: () => now },
      input: { name: 'Bench U', sandbox: false },
    });
    const studentId = randomUUID();
    await db.insert(students).values({
      id: studentId,
      tenantId: tenant.id,
      externalId: 'bench-cal',
      name: 'Bench Student',
      timeZone: 'America/New_York',
    });
    const contactIds = Array.from({ length: MEETINGS }, () => randomUUID());
    await db.insert(contacts).values(
      contactIds.map((id, i) => ({
        id,
        tenantId: tenant.id,
        studentId,
        name: `Contact ${i}`,
        organization: `Org ${i % 37}`,
        source: 'alumni_directory' as const,
      })),
    );
    // Meetings from a week ago to ten weeks ahead, a sixth of them called off.
    await db.insert(interviews).values(
      contactIds.map((contactId, i) => {
        const at = now.getTime() + (i - 70) * 3 * 3_600_000;
        return {
          id: randomUUID(),
          tenantId: tenant.id,
          studentId,
          contactId,
          state: i % 6 === 0 ? ('cancelled' as const) : ('scheduled' as const),
          facts: {
            meeting: { at, durationMinutes: 30, location: i % 2 ? 'Zoom' : null },
          } as unknown as InterviewFacts,
          meetingAt: new Date(at),
        };
      }),
    );
    await db.insert(tasks).values(
      Array.from({ length: TASKS }, (_, i) => ({
        id: randomUUID(),
        tenantId: tenant.id,
        studentId,
        key: `bench:${i}`,
        ruleId: 'follow_up.due',
        title: `Follow up with contact ${i}`,
        dueAt: new Date(now.getTime() + i * 3_600_000),
        remindAt: new Date(now.getTime() + i * 3_600_000 - 86_400_000),
        status: i % 10 === 0 ? ('snoozed' as const) : ('open' as const),
        snoozedUntil: i % 10 === 0 ? new Date(now.getTime() + (i + 5) * 3_600_000) : null,
        explanation: {} as never,
      })),
    );
    const secret = generateApiKey(false);
    await insertApiKey(db, now, { tenantId: tenant.id, name: 'bench', secret, scope: 'admin' });
    const config = {
      ...loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: url.toString(), INFOVIEW_PORTAL: 'false' }),
      rateLimitMax: 1_000_000,
      secretKeys: [generateSecretKey('bench')],
    };
    const app = await buildApp(config, { database });
    await app.ready();
    try {
      const made = await app.inject({
        method: 'POST',
        url: `/students/${studentId}/calendar-feed`,
        headers: { authorization: `Bearer ${secret}` },
      });
      const { path } = made.json() as { path: string };
      const feed = async () => {
        const res = await app.inject({ method: 'GET', url: path });
        if (res.statusCode !== 200) throw new Error(`feed answered ${res.statusCode}: ${res.body}`);
        return res.body;
      };
      const body = await feed();
      const events = body.split('BEGIN:VEVENT').length - 1;
      const feedMs = await time(RUNS, feed);
      // The generator alone, on the same events.
      const rows = await db.select().from(interviews);
      const generatorMs = await time(RUNS, () => {
        const calendar = newCalendar('bench');
        for (const row of rows) {
          addMeetingEvent(calendar, {
            interviewId: row.id,
            state: row.state,
            facts: row.facts,
            contactName: 'Contact',
            organization: 'Org',
            meetingChanges: 1,
            updatedAt: row.updatedAt,
          });
        }
        for (let i = 0; i < TASKS; i++) {
          calendar.createEvent({
            id: `t${i}`,
            start: now,
            end: now,
            summary: 'task',
            alarms: [{ trigger: now }],
          });
        }
        return renderCalendar(calendar);
      });
      console.log(
        `Calendars: the feed of a student with ${MEETINGS} meetings and ${TASKS} tasks (${events} events, ${Math.round(body.length / 1024)} KB): ` +
          `median ${round1(feedMs)} ms per request over ${RUNS} runs (goal ≤ ${GOAL_MS} ms: ${feedMs <= GOAL_MS ? 'met' : 'NOT met'}); ` +
          `ical-generator alone on the same events ${round1(generatorMs)} ms (request / generator = ${round1(feedMs / generatorMs)}×)`,
      );
      return { feedMs, generatorMs };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

// Run alone: `tsx bench/calendars.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await benchCalendars();
