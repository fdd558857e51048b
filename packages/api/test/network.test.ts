import { describe, expect, it } from 'vitest';
import { call, drivers, problemOf, type TestContext, useTestApp } from './helper.js';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

async function setup(t: TestContext, tenant?: Awaited<ReturnType<TestContext['tenant']>>) {
  tenant ??= await t.tenant();
  const student = (
    await call(t.app, 'POST', '/students', {
      key: tenant.adminKey,
      body: { externalId: `s-${crypto.randomUUID()}`, name: 'Sam', timeZone: 'UTC' },
    })
  ).json();
  const key = await tenant.key('student', { studentId: student.id });
  const contact = (
    await call(t.app, 'POST', '/contacts', {
      key,
      body: { studentId: student.id, name: 'Pat', source: 'friend', known: true },
    })
  ).json();
  const interview = await call(t.app, 'POST', '/interviews', { key, body: { contactId: contact.id } });
  return {
    tenant,
    studentId: student.id as string,
    key,
    contactId: contact.id as string,
    interviewId: interview.json().id as string,
    etag: interview.headers.etag as string,
  };
}

describe.each(drivers)('tasks, network, questions and cohort (%s)', (driver) => {
  const t = useTestApp(driver);

  it('completes, snoozes and dismisses tasks; another tenant gets 404, an advisor 403', async () => {
    const s = await setup(t);
    await call(t.app, 'POST', `/interviews/${s.interviewId}/attempts`, {
      key: s.key,
      body: { channel: 'phone', at: ago(20) },
      headers: { 'if-match': s.etag },
    });
    const [task] = (
      await call(t.app, 'GET', `/tasks?status=open&dueBefore=${new Date().toISOString()}`, { key: s.key })
    ).json().data;
    expect(task).toMatchObject({ ruleId: 'follow_up.due', status: 'open' });

    const snoozeUntil = new Date(Date.now() + 2 * DAY).toISOString();
    const snoozed = await call(t.app, 'POST', `/tasks/${task.id}/snooze`, {
      key: s.key,
      body: { until: snoozeUntil },
    });
    expect(snoozed.json()).toMatchObject({ status: 'snoozed', snoozedUntil: snoozeUntil });
    const past = await call(t.app, 'POST', `/tasks/${task.id}/snooze`, {
      key: s.key,
      body: { until: ago(1) },
    });
    expect(past.statusCode).toBe(400);
    const stale = await call(t.app, 'POST', `/tasks/${task.id}/complete`, {
      key: s.key,
      body: {},
      headers: { 'if-match': `"${task.id}:1"` },
    });
    expect(stale.statusCode).toBe(412);
    const done = await call(t.app, 'POST', `/tasks/${task.id}/complete`, { key: s.key, body: {} });
    expect(done.json()).toMatchObject({ status: 'completed' });
    // Re-evaluating (any write) keeps the student's status while the due time stays.
    await call(t.app, 'POST', '/milestones', {
      key: s.key,
      body: { studentId: s.studentId, kind: 'major_selected' },
    });
    expect((await call(t.app, 'GET', `/tasks/${task.id}`, { key: s.key })).json().status).toBe('completed');
    expect(
      (await call(t.app, 'POST', `/tasks/${task.id}/dismiss`, { key: s.key, body: {} })).json().status,
    ).toBe('dismissed');

    const other = await t.tenant();
    expect((await call(t.app, 'GET', `/tasks/${task.id}`, { key: other.adminKey })).statusCode).toBe(404);
    const foreign = await call(t.app, 'POST', `/tasks/${task.id}/complete`, {
      key: other.adminKey,
      body: {},
    });
    expect(problemOf(foreign).code).toBe('task.not_found');
    const advisor = (
      await call(t.app, 'POST', '/advisors', { key: s.tenant.adminKey, body: { name: 'A' } })
    ).json();
    await call(t.app, 'PUT', `/advisors/${advisor.id}/students/${s.studentId}`, { key: s.tenant.adminKey });
    const advisorKey = await s.tenant.key('advisor', { advisorId: advisor.id });
    expect((await call(t.app, 'GET', `/tasks/${task.id}`, { key: advisorKey })).statusCode).toBe(200);
    expect(
      (await call(t.app, 'POST', `/tasks/${task.id}/complete`, { key: advisorKey, body: {} })).statusCode,
    ).toBe(403);
  });

  it('records touchpoints and milestones for the student’s own contacts only', async () => {
    const s = await setup(t);
    const milestone = await call(t.app, 'POST', '/milestones', {
      key: s.key,
      body: { studentId: s.studentId, kind: 'position_secured', description: 'Analyst at Acme' },
    });
    expect(milestone.statusCode).toBe(201);
    const touch = await call(t.app, 'POST', '/touchpoints', {
      key: s.key,
      body: {
        contactId: s.contactId,
        kind: 'milestone_news',
        channel: 'email',
        milestoneId: milestone.json().id,
      },
    });
    expect(touch.statusCode).toBe(201);
    const listed = (await call(t.app, 'GET', `/touchpoints?contactId=${s.contactId}`, { key: s.key })).json();
    expect(listed.data).toHaveLength(1);
    expect((await call(t.app, 'GET', '/milestones', { key: s.key })).json().data).toHaveLength(1);

    const other = await setup(t, s.tenant);
    const wrongStudent = await call(t.app, 'POST', '/touchpoints', {
      key: s.key,
      body: { contactId: other.contactId, kind: 'keep_in_touch' },
    });
    expect(wrongStudent.statusCode).toBe(404);
    const badRef = await call(t.app, 'POST', '/touchpoints', {
      key: s.tenant.adminKey,
      body: { contactId: s.contactId, kind: 'report_back', aboutContactId: other.contactId },
    });
    expect(problemOf(badRef)).toMatchObject({
      code: 'request.reference_invalid',
      errors: [{ path: '/body/aboutContactId' }],
    });

    const foreign = await t.tenant();
    expect((await call(t.app, 'GET', '/touchpoints', { key: foreign.adminKey })).json().data).toEqual([]);
    const cross = await call(t.app, 'POST', '/milestones', {
      key: foreign.adminKey,
      body: { studentId: s.studentId, kind: 'major_selected' },
    });
    expect(cross.statusCode).toBe(404);
    const advisor = (
      await call(t.app, 'POST', '/advisors', { key: s.tenant.adminKey, body: { name: 'A' } })
    ).json();
    const advisorKey = await s.tenant.key('advisor', { advisorId: advisor.id });
    const denied = await call(t.app, 'POST', '/milestones', {
      key: advisorKey,
      body: { studentId: s.studentId, kind: 'major_selected' },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('serves the question bank, adds tenant questions, and checks per-interview lists', async () => {
    const s = await setup(t);
    const bank = (await call(t.app, 'GET', '/questions?category=next_steps', { key: s.key })).json();
    expect(bank.data.length).toBeGreaterThan(0);
    const added = await call(t.app, 'POST', '/questions', {
      key: s.tenant.adminKey,
      body: { id: 'neu.fit.1', category: 'fit', text: 'What makes a co-op student stand out?' },
    });
    expect(added.statusCode).toBe(201);
    const again = await call(t.app, 'POST', '/questions', {
      key: s.tenant.adminKey,
      body: { id: 'neu.fit.1', category: 'fit', text: 'What makes a co-op student stand out?' },
    });
    expect(again.statusCode).toBe(409);
    const invalid = await call(t.app, 'POST', '/questions', {
      key: s.tenant.adminKey,
      body: { id: 'neu.fit.2', category: 'fit', text: 'Not a question' },
    });
    expect(problemOf(invalid).code).toBe('question.invalid');
    expect(
      (
        await call(t.app, 'POST', '/questions', {
          key: s.key,
          body: { id: 'x.y.z', category: 'fit', text: 'Why is that so?' },
        })
      ).statusCode,
    ).toBe(403);
    const other = await t.tenant();
    const otherBank = (await call(t.app, 'GET', '/questions?limit=200', { key: other.adminKey })).json();
    expect(otherBank.data.some((q: { id: string }) => q.id === 'neu.fit.1')).toBe(false);

    // Scheduled: a passing list ticks the prep item question_list.
    let tag = s.etag;
    for (const [action, body] of [
      ['attempts', { channel: 'phone', at: ago(3) }],
      [
        'reply',
        {
          response: 'accepted',
          at: ago(2),
          meeting: { at: new Date(Date.now() + 3 * DAY).toISOString(), durationMinutes: 30 },
        },
      ],
    ] as const) {
      const res = await call(t.app, 'POST', `/interviews/${s.interviewId}/${action}`, {
        key: s.key,
        body,
        headers: { 'if-match': tag },
      });
      tag = res.headers.etag as string;
    }
    const weak = await call(t.app, 'PUT', `/interviews/${s.interviewId}/questions`, {
      key: s.key,
      body: { items: [{ text: 'Do you like your job?' }] },
      headers: { 'if-match': tag },
    });
    expect(weak.json()).toMatchObject({ passes: false });
    tag = weak.headers.etag as string;
    const unknown = await call(t.app, 'PUT', `/interviews/${s.interviewId}/questions`, {
      key: s.key,
      body: { items: [{ questionId: 'nope.nope.1' }] },
      headers: { 'if-match': tag },
    });
    expect(problemOf(unknown).code).toBe('question.unknown');
    const good = await call(t.app, 'PUT', `/interviews/${s.interviewId}/questions`, {
      key: s.key,
      body: {
        items: [
          { questionId: 'guide.job_content.1' },
          { questionId: 'neu.fit.1' },
          { questionId: 'guide.next_steps.1' },
        ],
      },
      headers: { 'if-match': tag },
    });
    expect(good.json()).toMatchObject({ passes: true, findings: [] });
    const interview = (await call(t.app, 'GET', `/interviews/${s.interviewId}`, { key: s.key })).json();
    expect(interview.prep.question_list).toBe(true);
    expect(good.headers.etag).toBe(`"${s.interviewId}:${interview.version}"`);
    const read = (await call(t.app, 'GET', `/interviews/${s.interviewId}/questions`, { key: s.key })).json();
    expect(read.items.map((i: { questionId: string }) => i.questionId)).toEqual([
      'guide.job_content.1',
      'neu.fit.1',
      'guide.next_steps.1',
    ]);
  });

  it('shows an advisor their cohort’s pipelines and overdue work in one page', async () => {
    const tenant = await t.tenant();
    const a = await setup(t, tenant);
    const b = await setup(t, tenant);
    await call(t.app, 'POST', `/interviews/${a.interviewId}/attempts`, {
      key: a.key,
      body: { channel: 'phone', at: ago(20) },
      headers: { 'if-match': a.etag },
    });
    const advisor = (
      await call(t.app, 'POST', '/advisors', { key: tenant.adminKey, body: { name: 'A' } })
    ).json();
    await call(t.app, 'PUT', `/advisors/${advisor.id}/students/${a.studentId}`, { key: tenant.adminKey });
    const advisorKey = await tenant.key('advisor', { advisorId: advisor.id });

    const cohort = (await call(t.app, 'GET', '/cohort', { key: advisorKey })).json();
    expect(cohort.data).toEqual([
      expect.objectContaining({ studentId: a.studentId, pipeline: { awaiting_reply: 1 }, overdueTasks: 1 }),
    ]);
    const all = (await call(t.app, 'GET', '/cohort', { key: tenant.adminKey })).json();
    expect(all.data.map((x: { studentId: string }) => x.studentId).sort()).toEqual(
      [a.studentId, b.studentId].sort(),
    );
    const overdue = (await call(t.app, 'GET', '/cohort?overdueOnly=true', { key: tenant.adminKey })).json();
    expect(overdue.data.map((x: { studentId: string }) => x.studentId)).toEqual([a.studentId]);
    expect((await call(t.app, 'GET', '/cohort', { key: a.key })).statusCode).toBe(403);
    const other = await t.tenant();
    expect((await call(t.app, 'GET', '/cohort', { key: other.adminKey })).json().data).toEqual([]);
  });
});
