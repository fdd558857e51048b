import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { messages } from '../src/db/schema/content.js';
import { call, drivers, problemOf, type TestContext, useTestApp } from './helper.js';

/** A student, their key, a contact and a fresh interview with its ETag. */
async function setup(t: TestContext) {
  const tenant = await t.tenant();
  const student = (
    await call(t.app, 'POST', '/students', {
      key: tenant.adminKey,
      body: { externalId: `s-${crypto.randomUUID()}`, name: 'Sam Lee', timeZone: 'UTC' },
    })
  ).json();
  const key = await tenant.key('student', { studentId: student.id });
  const contact = (
    await call(t.app, 'POST', '/contacts', {
      key,
      body: {
        studentId: student.id,
        name: 'Pat Chen',
        organization: 'Acme',
        email: `pat-${crypto.randomUUID()}@acme.example`,
        source: 'alumni_directory',
      },
    })
  ).json();
  const created = await call(t.app, 'POST', '/interviews', { key, body: { contactId: contact.id } });
  return { key, id: created.json().id as string, etag: created.headers.etag as string };
}

const BODY = 'Dear Pat,\n\nI found your name in the alumni directory. Could we talk for 20 minutes?\n\nSam';

describe.each(drivers)('POST /interviews/{id}/messages (%s)', (driver) => {
  const t = useTestApp(driver);

  it('records the message and the attempt in one step, under If-Match', async () => {
    const s = await setup(t);
    const sent = await call(t.app, 'POST', `/interviews/${s.id}/messages`, {
      key: s.key,
      headers: { 'if-match': s.etag },
      body: { kind: 'outreach', subject: 'Advice on analytics', body: BODY },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const result = sent.json();
    expect(result.interview.state).toBe('awaiting_reply');
    expect(result.interview.attempts).toHaveLength(1);
    expect(result.event.type).toBe('send_outreach');
    expect(result.message).toMatchObject({ kind: 'outreach', interviewId: s.id, body: BODY });
    expect(result.message.sentAt).toBe(result.event.at);
    expect(sent.headers.etag).not.toBe(s.etag);

    // The same stale ETag again: 412, and neither a second message nor a second attempt.
    const stale = await call(t.app, 'POST', `/interviews/${s.id}/messages`, {
      key: s.key,
      headers: { 'if-match': s.etag },
      body: { kind: 'outreach', subject: 'Advice on analytics', body: BODY },
    });
    expect(stale.statusCode).toBe(412);
    expect(problemOf(stale).code).toBe('precondition.failed');
    const timeline = (await call(t.app, 'GET', `/interviews/${s.id}/timeline`, { key: s.key })).json();
    expect(timeline.data.filter((e: { type: string }) => e.type === 'send_outreach')).toHaveLength(1);
  });

  it('needs If-Match, and a refused step records no message', async () => {
    const s = await setup(t);
    const missing = await call(t.app, 'POST', `/interviews/${s.id}/messages`, {
      key: s.key,
      body: { kind: 'outreach', body: BODY },
    });
    expect(missing.statusCode).toBe(428);
    // A thank-you before any meeting: the lifecycle refuses it, and the message is not kept.
    const refused = await call(t.app, 'POST', `/interviews/${s.id}/messages`, {
      key: s.key,
      headers: { 'if-match': s.etag },
      body: { kind: 'thank_you', subject: 'Thank you', body: BODY },
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.statusCode).toBeLessThan(500);
    const kept = await t.database.db.select().from(messages).where(eq(messages.interviewId, s.id));
    expect(kept).toHaveLength(0);
    const again = await call(t.app, 'POST', `/interviews/${s.id}/messages`, {
      key: s.key,
      headers: { 'if-match': s.etag },
      body: { kind: 'outreach', body: BODY },
    });
    expect(again.statusCode, again.body).toBe(200);
    const now = await t.database.db.select().from(messages).where(eq(messages.interviewId, s.id));
    expect(now).toHaveLength(1);
  });

  it('lint findings carry the rule summary and the guide’s passage', async () => {
    const s = await setup(t);
    const lint = await call(t.app, 'POST', '/messages/lint', {
      key: s.key,
      body: {
        kind: 'outreach',
        subject: 'Hello',
        body: 'Dear Pat,\n\nDo you have any job openings?\n\nSam',
        interviewId: s.id,
      },
    });
    expect(lint.statusCode).toBe(200);
    const ask = lint.json().findings.find((f: { ruleId: string }) => f.ruleId === 'outreach.no_job_ask');
    expect(ask.passage).toMatch(/\w/);
    expect(ask.ruleSummary).toMatch(/\w/);
  });

  it('suggestions: 0 is the quick check (misspellings found, no fix worked out)', async () => {
    const s = await setup(t);
    const lint = (suggestions?: number) =>
      call(t.app, 'POST', '/messages/lint', {
        key: s.key,
        body: {
          kind: 'outreach',
          body: 'Dear Pat,\n\nI hope to recieve your advice.\n\nSam',
          ...(suggestions === undefined ? {} : { suggestions }),
        },
      });
    const spelling = async (suggestions?: number) =>
      (await lint(suggestions)).json().findings.find((f: { check: string }) => f.check === 'spelling');
    const quick = await spelling(0);
    expect(quick).toMatchObject({ start: 21, end: 28 });
    expect(quick.fix).toBeUndefined();
    expect((await spelling()).fix).toEqual({ replacement: 'receive' });
    expect((await lint(4)).statusCode).toBe(400);
  });
});
