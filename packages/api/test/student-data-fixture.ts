import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../src/db/client.js';
import { rowsOf } from '../src/services/erasures/rows.js';
import { call, type TestContext, type TestTenant } from './helper.js';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** What identifies a person of the fixture: what an erasure must leave nowhere. */
export interface Identity {
  name: string;
  email: string;
  phone?: string;
}

/**
 * A student with something of every kind: contacts (one referred), an interview through its
 * lifecycle with notes, a referral and a question list, a message, a milestone and a touchpoint,
 * tasks and reminders, an integration write with an Idempotency-Key, a key and a session.
 */
export async function richStudent(t: TestContext, tenant: TestTenant) {
  const tag = crypto.randomUUID().slice(0, 8);
  const student: Identity = { name: `Zelda Quill${tag}`, email: `zelda.${tag}@student.example` };
  const created = await call(t.app, 'POST', '/students', {
    key: tenant.adminKey,
    body: {
      externalId: `ext-${tag}`,
      name: student.name,
      email: student.email,
      timeZone: 'UTC',
      profile: { firstName: 'Zelda', school: 'Northeastern' },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const studentId = created.json().id as string;
  const key = await tenant.key('student', { studentId });
  const integration = await tenant.key('integration');
  const pat: Identity = {
    name: `Pat Okonkwo${tag}`,
    email: `pat.${tag}@acme.example`,
    phone: `+1 617 555 ${tag.slice(0, 4).replace(/\D/g, '7')}`,
  };
  // Written by the integration with an Idempotency-Key: the stored response holds Pat's details.
  const contact = await call(t.app, 'POST', '/contacts', {
    key: integration,
    headers: { 'idempotency-key': `k-${tag}` },
    body: {
      studentId,
      name: pat.name,
      organization: '=HYPERLINK("http://evil.example","x")',
      title: 'Principal Data Scientist, Analytics; Platform & Research Division, North America',
      email: pat.email,
      phone: pat.phone,
      profileUrl: `https://www.linkedin.com/in/pat-${tag}`,
      source: 'alumni_directory',
      foundVia: 'alumni list, page 2',
    },
  });
  expect(contact.statusCode, contact.body).toBe(201);
  const contactId = contact.json().id as string;
  const interview = await call(t.app, 'POST', '/interviews', {
    key,
    body: { contactId, topics: ['career_change'] },
  });
  expect(interview.statusCode, interview.body).toBe(201);
  const interviewId = interview.json().id as string;
  let etag = interview.headers.etag as string;
  const step = async (action: string, body: unknown = {}) => {
    const res = await call(t.app, 'POST', `/interviews/${interviewId}/${action}`, {
      key,
      body,
      headers: { 'if-match': etag },
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    etag = res.headers.etag as string;
    return res.json();
  };
  await step('attempts', { channel: 'email', at: ago(10) });
  await step('reply', { response: 'accepted', at: ago(9), meeting: { at: ago(3), durationMinutes: 30 } });
  const questions = await call(t.app, 'PUT', `/interviews/${interviewId}/questions`, {
    key,
    headers: { 'if-match': etag },
    body: { items: [{ text: `What surprised you most, ${pat.name}?` }] },
  });
  expect(questions.statusCode, questions.body).toBe(200);
  etag = questions.headers.etag as string;
  await step('complete', { at: ago(2.9), businessCardReceived: true, askedForReferral: true });
  await step('notes', { notes: `Met ${pat.name}; call ${pat.phone}`, learnedPoints: ['SQL daily'] });
  const lee: Identity = { name: `Lee Marchetti${tag}`, email: `lee.${tag}@beta.example` };
  await step('referrals', { name: lee.name, contact: { organization: 'Beta', email: lee.email } });
  const message = await call(t.app, 'POST', '/messages', {
    key,
    body: {
      kind: 'thank_you',
      subject: `Thanks ${pat.name}`,
      body: `Dear ${pat.name}, thank you.`,
      interviewId,
    },
  });
  expect(message.statusCode, message.body).toBe(201);
  const milestone = await call(t.app, 'POST', '/milestones', {
    key,
    body: { studentId, kind: 'position_secured', description: `Analyst, thanks to ${pat.name}` },
  });
  expect(milestone.statusCode, milestone.body).toBe(201);
  const touch = await call(t.app, 'POST', '/touchpoints', {
    key,
    body: { contactId, kind: 'milestone_news', channel: 'email', milestoneId: milestone.json().id },
  });
  expect(touch.statusCode, touch.body).toBe(201);
  return { tag, studentId, key, integration, contactId, interviewId, people: [student, pat, lee] };
}

/**
 * Every text, varchar and json column of every table, searched for each string: the rows that
 * still hold one (table.column → count). What an erasure must leave empty.
 */
export async function findEverywhere(db: Db, needles: string[]): Promise<Record<string, number>> {
  const columns = await rowsOf<{ table_name: string; column_name: string }>(
    db,
    sql`select table_name, column_name from information_schema.columns
         where table_schema = current_schema()
           and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
         order by table_name, column_name`,
  );
  expect(columns.length).toBeGreaterThan(20);
  const patterns = needles.map((n) => `%${n.toLowerCase()}%`);
  const found: Record<string, number> = {};
  for (const { table_name, column_name } of columns) {
    const [row] = await rowsOf<{ n: number | string }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table_name)}
           where lower(${sql.identifier(column_name)}::text) like any(${`{${patterns.map((p) => `"${p}"`).join(',')}}`}::text[])`,
    );
    if (Number(row!.n) > 0) found[`${table_name}.${column_name}`] = Number(row!.n);
  }
  return found;
}
