import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { reminders } from '../src/db/schema/reminders.js';
import { applyTimedTransition } from '../src/services/interviews/apply-timed-transition.js';
import { call, drivers, problemOf, type TestContext, useTestApp } from './helper.js';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** A tenant with a student (and their key) and one contact of theirs. */
async function setup(t: TestContext) {
  const tenant = await t.tenant();
  const student = (
    await call(t.app, 'POST', '/students', {
      key: tenant.adminKey,
      body: {
        externalId: `s-${crypto.randomUUID()}`,
        name: 'Sam',
        timeZone: 'UTC',
        profile: { firstName: 'Sam', lastName: 'Lee', school: 'Northeastern', program: 'Economics' },
      },
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
  return { tenant, studentId: student.id as string, key, contactId: contact.id as string };
}

async function start(t: TestContext, s: Awaited<ReturnType<typeof setup>>) {
  const res = await call(t.app, 'POST', '/interviews', {
    key: s.key,
    body: { contactId: s.contactId, topics: ['career_change'] },
  });
  expect(res.statusCode).toBe(201);
  return { id: res.json().id as string, etag: res.headers.etag as string };
}

/** POSTs a lifecycle action with If-Match and returns the response. */
const act = (t: TestContext, key: string, etag: string, id: string, action: string, body: unknown = {}) =>
  call(t.app, 'POST', `/interviews/${id}/${action}`, { key, body, headers: { 'if-match': etag } });

const tasksOf = async (t: TestContext, key: string, studentId: string) =>
  (await call(t.app, 'GET', `/tasks?studentId=${studentId}`, { key })).json().data as {
    id: string;
    key: string;
    ruleId: string;
    status: string;
  }[];

describe.each(drivers)('interviews (%s)', (driver) => {
  const t = useTestApp(driver);

  it('runs the lifecycle over HTTP: outreach → follow-up task with its explanation → a reply removes it', async () => {
    const s = await setup(t);
    const { id, etag } = await start(t, s);

    const missing = await call(t.app, 'POST', `/interviews/${id}/attempts`, {
      key: s.key,
      body: { channel: 'email' },
    });
    expect(missing.statusCode).toBe(428);

    const outreach = await act(t, s.key, etag, id, 'attempts', { channel: 'email', at: ago(1) });
    expect(outreach.statusCode).toBe(200);
    expect(outreach.json()).toMatchObject({
      interview: {
        state: 'awaiting_reply',
        attempts: [{ kind: 'outreach', channel: 'email' }],
        eventCount: 1,
      },
      event: { seq: 1, type: 'send_outreach', from: 'prospect', to: 'awaiting_reply' },
      warnings: [],
    });

    // Re-evaluated in the same transaction: the task and its reminder exist once the POST returned.
    const [task] = (await tasksOf(t, s.key, s.studentId)).filter((x) => x.ruleId === 'follow_up.due');
    expect(task).toBeDefined();
    const detail = (await call(t.app, 'GET', `/tasks/${task!.id}`, { key: s.key })).json();
    expect(detail).toMatchObject({
      key: `follow_up.due:${id}`,
      status: 'open',
      explanation: {
        ruleId: 'follow_up.due',
        anchor: { name: 'attempt.first' },
        policy: { followUpAfter: { amount: 14, unit: 'calendar_days' } },
      },
    });
    expect(detail.explanation.passage.length).toBeGreaterThan(10);
    expect(
      new Date(detail.dueAt).getTime() - new Date(outreach.json().interview.attempts[0].at).getTime(),
    ).toBe(14 * DAY);
    const pending = await t.database.db
      .select()
      .from(reminders)
      .where(and(eq(reminders.studentId, s.studentId), eq(reminders.sourceKey, `follow_up.due:${id}`)));
    expect(pending.map((r) => r.status)).toEqual(['pending']);

    const replied = await act(t, s.key, outreach.headers.etag as string, id, 'reply', {
      response: 'accepted',
    });
    expect(replied.statusCode).toBe(200);
    expect(replied.json().interview.state).toBe('scheduled');
    expect((await tasksOf(t, s.key, s.studentId)).some((x) => x.ruleId === 'follow_up.due')).toBe(false);
    const after = await t.database.db
      .select()
      .from(reminders)
      .where(and(eq(reminders.studentId, s.studentId), eq(reminders.sourceKey, `follow_up.due:${id}`)));
    expect(after.map((r) => r.status)).toEqual(['cancelled']);

    const timeline = (await call(t.app, 'GET', `/interviews/${id}/timeline?limit=1`, { key: s.key })).json();
    expect(timeline.data.map((e: { type: string }) => e.type)).toEqual(['send_outreach']);
    const page2 = (
      await call(t.app, 'GET', `/interviews/${id}/timeline?limit=1&cursor=${timeline.nextCursor}`, {
        key: s.key,
      })
    ).json();
    expect(page2).toMatchObject({ data: [{ seq: 2, type: 'receive_reply' }], nextCursor: null });
  });

  it('refuses a third unsolicited attempt with the core refusal code, and schedules the move-on', async () => {
    const s = await setup(t);
    const { id, etag } = await start(t, s);
    const first = await act(t, s.key, etag, id, 'attempts', { channel: 'email', at: ago(30) });
    const second = await act(t, s.key, first.headers.etag as string, id, 'attempts', {
      channel: 'email',
      at: ago(10),
    });
    expect(second.json().interview).toMatchObject({
      state: 'followed_up',
      attempts: [{}, { kind: 'follow_up' }],
    });
    const third = await act(t, s.key, second.headers.etag as string, id, 'attempts', { channel: 'email' });
    expect(third.statusCode).toBe(409);
    expect(problemOf(third)).toMatchObject({ code: 'attempts.limit_reached', ruleId: 'follow_up.move_on' });
    expect(String(problemOf(third).passage)).toContain('move on');

    const timed = await t.database.db
      .select()
      .from(reminders)
      .where(and(eq(reminders.studentId, s.studentId), eq(reminders.kind, 'timed_transition')));
    expect(timed).toHaveLength(1);
    expect(timed[0]!.sourceKey).toBe(`follow_up.move_on:${id}`);

    const ctx = {
      db: t.database.db,
      tenantId: s.tenant.tenantId,
      actor: {
        apiKeyId: 'system',
        scope: 'admin',
        role: 'admin',
        studentId: null,
        advisorId: null,
        actingAs: false,
      },
      now: () => new Date(),
      log: { info() {}, warn() {}, error() {} },
    } as const;
    const early = await applyTimedTransition({ ctx, input: { interviewId: id, key: timed[0]!.sourceKey } });
    expect(early.status).toBe('not_due');
    const later = { ...ctx, now: () => new Date(Date.now() + 5 * DAY) };
    const applied = await applyTimedTransition({
      ctx: later,
      input: { interviewId: id, key: timed[0]!.sourceKey },
    });
    expect(applied).toMatchObject({ status: 'applied', interview: { state: 'unresponsive' } });
    const again = await applyTimedTransition({
      ctx: later,
      input: { interviewId: id, key: timed[0]!.sourceKey },
    });
    expect(again.status).toBe('already_applied');
    const events = (await call(t.app, 'GET', `/interviews/${id}/timeline`, { key: s.key })).json().data;
    expect(events.at(-1)).toMatchObject({ type: 'mark_unresponsive', actor: { kind: 'system' } });
  });

  it('lets one of several concurrent actions with the same ETag through; the rest are 412', async () => {
    const s = await setup(t);
    const { id, etag } = await start(t, s);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => act(t, s.key, etag, id, 'attempts', { channel: 'email' })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 412, 412, 412, 412, 412]);
    expect((await call(t.app, 'GET', `/interviews/${id}`, { key: s.key })).json().eventCount).toBe(1);
  });

  it('allows one interview per contact that is not closed', async () => {
    const s = await setup(t);
    const { id, etag } = await start(t, s);
    const second = await call(t.app, 'POST', '/interviews', { key: s.key, body: { contactId: s.contactId } });
    expect(second.statusCode).toBe(409);
    expect(problemOf(second)).toMatchObject({ code: 'interview.already_open', existingId: id });
    expect((await act(t, s.key, etag, id, 'withdraw', { reason: 'changed my mind' })).statusCode).toBe(200);
    expect(
      (await call(t.app, 'POST', '/interviews', { key: s.key, body: { contactId: s.contactId } })).statusCode,
    ).toBe(201);
  });

  it('meets, takes notes, thanks, records a referral that becomes a contact, and renders messages', async () => {
    const s = await setup(t);
    const { id, etag } = await start(t, s);
    let tag = etag;
    const step = async (action: string, body: unknown = {}) => {
      const res = await act(t, s.key, tag, id, action, body);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
      tag = res.headers.etag as string;
      return res.json();
    };
    await step('attempts', { channel: 'email', at: ago(10) });
    await step('reply', { response: 'accepted', at: ago(9), meeting: { at: ago(3), durationMinutes: 30 } });
    const prep = await step('prep', { items: { research_person: true }, at: ago(8) });
    expect(prep.interview.prep).toEqual({ research_person: true });
    const meetings = (await call(t.app, 'GET', `/meetings?from=${ago(5)}`, { key: s.key })).json();
    expect(meetings.data).toMatchObject([{ interviewId: id, durationMinutes: 30 }]);
    await step('complete', { at: ago(2.9), businessCardReceived: true, askedForReferral: true });
    expect((await tasksOf(t, s.key, s.studentId)).map((x) => x.ruleId).sort()).toEqual([
      'after.notes',
      'after.thank_you',
      'nurture.keep_in_touch',
      'referral.ask',
    ]);
    const notes = await step('notes', {
      notes: 'Met Pat; great advice on analytics.',
      learnedPoints: ['how analysts use SQL every day'],
    });
    expect(notes.note).toMatchObject({ learnedPoints: ['how analysts use SQL every day'] });
    const rendered = await call(t.app, 'POST', '/messages/render', {
      key: s.key,
      body: { kind: 'thank_you', interviewId: id },
    });
    expect(rendered.statusCode, rendered.body).toBe(200);
    expect(rendered.json().body).toContain('SQL');
    const lint = await call(t.app, 'POST', '/messages/lint', {
      key: s.key,
      body: {
        kind: 'follow_up',
        subject: 'Following up',
        body: 'Dear Pat,\n\nI hope you recieve this. Are there any openings on your team?\n\nSam',
        interviewId: id,
      },
    });
    expect(lint.statusCode).toBe(200);
    const ruleIds = lint.json().findings.map((f: { ruleId: string }) => f.ruleId);
    expect(ruleIds).toContain('outreach.error_free');
    expect(ruleIds).toContain('outreach.no_job_ask');

    await step('thank-you');
    const referral = await step('referrals', { name: 'Lee Park', contact: { organization: 'Beta' } });
    expect(referral.contact).toMatchObject({ source: 'referral', referrerContactId: s.contactId });
    expect(referral.referral).toMatchObject({ name: 'Lee Park', contactId: referral.contact.id });
    const listed = (await call(t.app, 'GET', `/referrals?interviewId=${id}`, { key: s.key })).json();
    expect(listed.data).toHaveLength(1);
    const ruleIdsAfter = (await tasksOf(t, s.key, s.studentId)).map((x) => x.ruleId);
    expect(ruleIdsAfter).toEqual(['nurture.keep_in_touch']);
    const noteList = (await call(t.app, 'GET', `/interviews/${id}/notes`, { key: s.key })).json();
    expect(noteList.data[0].notes).toBe('Met Pat; great advice on analytics.');
    const recorded = await call(t.app, 'POST', '/messages', {
      key: s.key,
      body: { kind: 'thank_you', subject: 'Thanks', body: rendered.json().body, interviewId: id },
    });
    expect(recorded.statusCode).toBe(201);
  });

  it('reads an interview (one, and in a list) exactly as the last action answered it', async () => {
    const s = await setup(t);
    const { id, etag } = await start(t, s);
    let tag = etag;
    let last: unknown;
    const step = async (action: string, body: unknown = {}) => {
      const res = await act(t, s.key, tag, id, action, body);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
      tag = res.headers.etag as string;
      last = res.json().interview;
    };
    const read = async () => {
      const one = await call(t.app, 'GET', `/interviews/${id}`, { key: s.key });
      expect(one.statusCode).toBe(200);
      expect(one.headers.etag).toBe(tag);
      const page = (await call(t.app, 'GET', '/interviews?limit=1', { key: s.key })).json();
      expect(page.nextCursor).toBeNull();
      return { one: one.json(), listed: page.data[0] };
    };
    await step('attempts', { channel: 'email', at: ago(10) });
    expect(await read()).toEqual({ one: last, listed: last });
    await step('reply', {
      response: 'accepted',
      at: ago(9),
      meeting: { at: ago(3), durationMinutes: 45, location: 'Café' },
    });
    await step('prep', { items: { research_person: true }, at: ago(8) });
    await step('complete', { at: ago(2.9), businessCardReceived: true, askedForReferral: true });
    await step('notes', { notes: 'Met Pat.', learnedPoints: ['SQL every day'] });
    await step('thank-you');
    await step('opportunities', { title: 'Analyst role' });
    expect(await read()).toEqual({ one: last, listed: last });
  });

  it("answers 404 for another tenant's interview and 403 for roles that may not act", async () => {
    const mine = await setup(t);
    const theirs = await setup(t);
    const { id, etag } = await start(t, theirs);
    for (const url of [`/interviews/${id}`, `/interviews/${id}/timeline`, `/interviews/${id}/notes`]) {
      const res = await call(t.app, 'GET', url, { key: mine.tenant.adminKey });
      expect(res.statusCode, url).toBe(404);
    }
    const foreign = await act(t, mine.tenant.adminKey, etag, id, 'attempts', { channel: 'email' });
    expect(problemOf(foreign).code).toBe('interview.not_found');
    const create = await call(t.app, 'POST', '/interviews', {
      key: mine.tenant.adminKey,
      body: { contactId: theirs.contactId },
    });
    expect(create.statusCode).toBe(404);
    expect((await call(t.app, 'GET', '/interviews', { key: mine.tenant.adminKey })).json().data).toEqual([]);

    const advisor = (
      await call(t.app, 'POST', '/advisors', { key: theirs.tenant.adminKey, body: { name: 'Adv' } })
    ).json();
    const advisorKey = await theirs.tenant.key('advisor', { advisorId: advisor.id });
    expect((await call(t.app, 'GET', `/interviews/${id}`, { key: advisorKey })).statusCode).toBe(404);
    await call(t.app, 'PUT', `/advisors/${advisor.id}/students/${theirs.studentId}`, {
      key: theirs.tenant.adminKey,
    });
    expect((await call(t.app, 'GET', `/interviews/${id}`, { key: advisorKey })).statusCode).toBe(200);
    const write = await act(t, advisorKey, etag, id, 'attempts', { channel: 'email' });
    expect(write.statusCode).toBe(403);
    expect(problemOf(write).code).toBe('auth.forbidden');
  });
});
