/**
 * The cohort an advisor reads: figures per student (pipeline, overdue work, last activity, last
 * outreach, quiet), sorted and filtered with keyset cursors, one student's detail, advisor scoping
 * (another advisor's student is a 404) and read-only access (every write of an advisor is refused).
 */
import { describe, expect, it } from 'vitest';
import { SESSION_COMPONENT_NAMES } from '../src/services/sessions/components.js';
import { call, drivers, problemOf, type TestContext, type TestTenant, useTestApp } from './helper.js';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

interface Student {
  id: string;
  key: string;
  contactId: string;
  interviewId: string;
}

/** A student with one contact and one interview; `outreachDaysAgo` records an attempt that long ago. */
async function student(t: TestContext, tenant: TestTenant, name: string, outreachDaysAgo?: number) {
  const created = await call(t.app, 'POST', '/students', {
    key: tenant.adminKey,
    body: { externalId: `s-${crypto.randomUUID()}`, name, timeZone: 'UTC' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const key = await tenant.key('student', { studentId: id });
  const contact = await call(t.app, 'POST', '/contacts', {
    key,
    body: { studentId: id, name: `Contact of ${name}`, source: 'friend', known: true, organization: 'Acme' },
  });
  const interview = await call(t.app, 'POST', '/interviews', { key, body: { contactId: contact.json().id } });
  expect(interview.statusCode, interview.body).toBe(201);
  const s: Student = { id, key, contactId: contact.json().id, interviewId: interview.json().id };
  if (outreachDaysAgo !== undefined) {
    const attempt = await call(t.app, 'POST', `/interviews/${s.interviewId}/attempts`, {
      key,
      body: { channel: 'phone', at: ago(outreachDaysAgo) },
      headers: { 'if-match': interview.headers.etag as string },
    });
    expect(attempt.statusCode, attempt.body).toBe(200);
  }
  return s;
}

async function advisorOf(t: TestContext, tenant: TestTenant, ...cohort: Student[]) {
  const advisor = (
    await call(t.app, 'POST', '/advisors', { key: tenant.adminKey, body: { name: 'Grace Advisor' } })
  ).json();
  for (const s of cohort) {
    const put = await call(t.app, 'PUT', `/advisors/${advisor.id}/students/${s.id}`, {
      key: tenant.adminKey,
    });
    expect(put.statusCode).toBeLessThan(300);
  }
  return { id: advisor.id as string, key: await tenant.key('advisor', { advisorId: advisor.id }) };
}

type Row = {
  studentId: string;
  overdueTasks: number;
  lastActivityAt: string | null;
  lastOutreachAt: string | null;
  quiet: boolean;
  pipeline: Record<string, number>;
};

/** Every row of a cohort query, page by page (`limit` small, so several cursors are followed). */
async function allPages(t: TestContext, key: string, query: Record<string, string>): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const res = await call(t.app, 'GET', '/cohort', {
      key,
      query: { ...query, limit: '2', ...(cursor ? { cursor } : {}) },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { data: Row[]; nextCursor: string | null };
    rows.push(...body.data);
    cursor = body.nextCursor;
    if (!cursor) return rows;
  }
  throw new Error('the cursor never ended');
}

describe.each(drivers)('the cohort (%s)', (driver) => {
  const t = useTestApp(driver);

  it('reports last activity, last outreach and who is quiet; filters by state, overdue and quiet', async () => {
    const tenant = await t.tenant();
    const fresh = await student(t, tenant, 'Fresh', 2); // reached out 2 days ago: not quiet
    const stale = await student(t, tenant, 'Stale', 20); // 20 days ago: quiet, follow-up overdue
    const never = await student(t, tenant, 'Never'); // never reached out: quiet
    const advisor = await advisorOf(t, tenant, fresh, stale, never);

    const rows = await allPages(t, advisor.key, {});
    const by = new Map(rows.map((r) => [r.studentId, r]));
    expect(rows.map((r) => r.studentId)).toEqual([fresh.id, stale.id, never.id]);
    expect(by.get(fresh.id)).toMatchObject({
      quiet: false,
      overdueTasks: 0,
      pipeline: { awaiting_reply: 1 },
    });
    expect(by.get(stale.id)).toMatchObject({ quiet: true, pipeline: { awaiting_reply: 1 } });
    expect(by.get(stale.id)!.overdueTasks).toBeGreaterThan(0);
    expect(by.get(never.id)).toMatchObject({ quiet: true, lastOutreachAt: null, pipeline: { prospect: 1 } });
    // The attempt's own instant (recorded as 20 days ago), not when it was written.
    expect(Date.now() - Date.parse(by.get(stale.id)!.lastOutreachAt!)).toBeGreaterThan(19 * DAY);
    expect(Date.now() - Date.parse(by.get(fresh.id)!.lastOutreachAt!)).toBeLessThan(3 * DAY);
    // Creating the interview today is activity, whatever the attempt's date.
    for (const r of rows) expect(Date.now() - Date.parse(r.lastActivityAt!)).toBeLessThan(DAY);

    const ids = (list: Row[]) => list.map((r) => r.studentId);
    expect(ids(await allPages(t, advisor.key, { quietOnly: 'true' }))).toEqual([stale.id, never.id]);
    // A wider window makes the 20-day-old attempt recent enough.
    expect(ids(await allPages(t, advisor.key, { quietOnly: 'true', quietAfterDays: '30' }))).toEqual([
      never.id,
    ]);
    expect(ids(await allPages(t, advisor.key, { state: 'prospect' }))).toEqual([never.id]);
    expect(ids(await allPages(t, advisor.key, { state: 'awaiting_reply' }))).toEqual([fresh.id, stale.id]);
    expect(ids(await allPages(t, advisor.key, { overdueOnly: 'true' }))).toEqual([stale.id]);
    const bad = await call(t.app, 'GET', '/cohort?state=sleeping', { key: advisor.key });
    expect(problemOf(bad).status).toBe(400);
  });

  it('sorts by overdue work and by last activity across pages of cursors', async () => {
    const tenant = await t.tenant();
    const cohort: Student[] = [];
    // Five students; two with an outreach three weeks ago (overdue follow-ups), created in order.
    for (const [i, days] of [undefined, 21, undefined, 22, 1].entries()) {
      cohort.push(await student(t, tenant, `S${i}`, days));
    }
    // A touchpoint-free, later interview makes S0 the most recently active.
    const second = await call(t.app, 'POST', '/contacts', {
      key: cohort[0]!.key,
      body: { studentId: cohort[0]!.id, name: 'Later', source: 'faculty', known: true },
    });
    await call(t.app, 'POST', '/interviews', { key: cohort[0]!.key, body: { contactId: second.json().id } });
    const advisor = await advisorOf(t, tenant, ...cohort);

    const overdueFirst = await allPages(t, advisor.key, { sort: 'overdue' });
    expect(overdueFirst).toHaveLength(5);
    const counts = overdueFirst.map((r) => r.overdueTasks);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(new Set(overdueFirst.slice(0, 2).map((r) => r.studentId))).toEqual(
      new Set([cohort[1]!.id, cohort[3]!.id]),
    );
    // Ties go by id: the students without overdue work in the order they were created.
    expect(overdueFirst.slice(2).map((r) => r.studentId)).toEqual([
      cohort[0]!.id,
      cohort[2]!.id,
      cohort[4]!.id,
    ]);
    const reversed = await allPages(t, advisor.key, { sort: 'overdue', order: 'asc' });
    expect(reversed.map((r) => r.overdueTasks)).toEqual([...counts].reverse());

    const quietest = await allPages(t, advisor.key, { sort: 'lastActivity' });
    const times = quietest.map((r) => Date.parse(r.lastActivityAt!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(quietest.at(-1)!.studentId).toBe(cohort[0]!.id);
    const liveliest = await allPages(t, advisor.key, { sort: 'lastActivity', order: 'desc' });
    expect(liveliest[0]!.studentId).toBe(cohort[0]!.id);

    // A cursor of one order is not a cursor of another: a 400 problem, not a wrong page.
    const page = (await call(t.app, 'GET', '/cohort?sort=overdue&limit=1', { key: advisor.key })).json();
    const mixed = await call(t.app, 'GET', `/cohort?limit=1&cursor=${page.nextCursor}`, { key: advisor.key });
    expect(problemOf(mixed).code).toBe('request.invalid_cursor');
  });

  it('shows one student of the cohort with interviews and open tasks; another advisor’s student is a 404', async () => {
    const tenant = await t.tenant();
    const mine = await student(t, tenant, 'Mine', 20);
    const theirs = await student(t, tenant, 'Theirs', 20);
    const advisor = await advisorOf(t, tenant, mine);
    const other = await advisorOf(t, tenant, theirs);

    const detail = await call(t.app, 'GET', `/cohort/${mine.id}`, { key: advisor.key });
    expect(detail.statusCode, detail.body).toBe(200);
    const body = detail.json();
    expect(body.student).toMatchObject({ studentId: mine.id, quiet: true, pipeline: { awaiting_reply: 1 } });
    expect(body.interviews).toEqual([
      expect.objectContaining({
        id: mine.interviewId,
        contactName: 'Contact of Mine',
        organization: 'Acme',
        state: 'awaiting_reply',
      }),
    ]);
    expect(body.tasks.length).toBeGreaterThan(0);
    expect(body.tasks.some((task: { overdue: boolean }) => task.overdue)).toBe(true);
    expect(body.tasks.filter((task: { overdue: boolean }) => task.overdue).length).toBe(
      body.student.overdueTasks,
    );

    // Not in this advisor's cohort, not in this tenant, not a student at all: the same 404.
    const notMine = await call(t.app, 'GET', `/cohort/${theirs.id}`, { key: advisor.key });
    expect(problemOf(notMine)).toMatchObject({ status: 404, code: 'student.not_found' });
    expect((await call(t.app, 'GET', `/cohort/${mine.id}`, { key: other.key })).statusCode).toBe(404);
    const elsewhere = await t.tenant();
    expect((await call(t.app, 'GET', `/cohort/${mine.id}`, { key: elsewhere.adminKey })).statusCode).toBe(
      404,
    );
    expect(
      (await call(t.app, 'GET', `/cohort/${crypto.randomUUID()}`, { key: advisor.key })).statusCode,
    ).toBe(404);
    // The list never shows them either; an admin sees both; a student may not read a cohort.
    expect((await allPages(t, advisor.key, {})).map((r) => r.studentId)).toEqual([mine.id]);
    expect((await call(t.app, 'GET', `/cohort/${theirs.id}`, { key: tenant.adminKey })).statusCode).toBe(200);
    expect(problemOf(await call(t.app, 'GET', `/cohort/${mine.id}`, { key: mine.key })).code).toBe(
      'auth.forbidden',
    );
  });

  it('refuses every write of an advisor on their own student, by key and by session', async () => {
    const tenant = await t.tenant();
    const mine = await student(t, tenant, 'Mine', 20);
    const advisor = await advisorOf(t, tenant, mine);
    // A session for every component, so only the role (not the component list) can refuse.
    const minted = await call(t.app, 'POST', '/sessions', {
      key: tenant.adminKey,
      body: { advisorId: advisor.id, components: SESSION_COMPONENT_NAMES },
    });
    expect(minted.statusCode, minted.body).toBe(201);
    const session = minted.json().clientSecret as string;
    const tasks = (await call(t.app, 'GET', `/cohort/${mine.id}`, { key: advisor.key })).json().tasks;
    const taskId = tasks[0].id as string;
    const iv = `/interviews/${mine.interviewId}`;
    const writes: [string, string, unknown][] = [
      ['POST', '/contacts', { studentId: mine.id, name: 'X', source: 'friend', known: true }],
      ['PATCH', `/contacts/${mine.contactId}`, { name: 'Renamed' }],
      ['DELETE', `/contacts/${mine.contactId}`, undefined],
      ['POST', '/interviews', { contactId: mine.contactId }],
      ['POST', `${iv}/attempts`, { channel: 'phone' }],
      ['POST', `${iv}/reply`, { response: 'declined' }],
      ['POST', `${iv}/notes`, { notes: 'x' }],
      ['POST', `${iv}/withdraw`, {}],
      ['PUT', `${iv}/questions`, { items: [] }],
      ['POST', `/tasks/${taskId}/complete`, {}],
      ['POST', `/tasks/${taskId}/dismiss`, {}],
      ['POST', `/tasks/${taskId}/snooze`, { until: new Date(Date.now() + DAY).toISOString() }],
      ['POST', '/touchpoints', { contactId: mine.contactId, kind: 'keep_in_touch', channel: 'email' }],
      ['POST', '/milestones', { studentId: mine.id, kind: 'position_secured' }],
      ['PATCH', `/students/${mine.id}`, { name: 'Renamed' }],
      ['PUT', `/students/${mine.id}/policy`, {}],
      ['POST', '/messages', { interviewId: mine.interviewId, kind: 'outreach', subject: 's', body: 'b' }],
    ];
    // The current ETags (an advisor may read): a refusal is then the role's, never a stale version.
    const etag = async (url: string) =>
      (await call(t.app, 'GET', url, { key: advisor.key })).headers.etag as string;
    const etags: Record<string, string> = {
      contact: await etag(`/contacts/${mine.contactId}`),
      interview: await etag(iv),
      student: await etag(`/students/${mine.id}`),
      questions: await etag(`${iv}/questions`),
    };
    const ifMatchFor = (url: string) =>
      url.startsWith('/contacts/')
        ? etags.contact
        : url.endsWith('/questions')
          ? etags.questions
          : url.startsWith('/interviews/')
            ? etags.interview
            : url.startsWith('/students/')
              ? etags.student
              : undefined;
    for (const key of [advisor.key, session]) {
      for (const [method, url, body] of writes) {
        const match = ifMatchFor(url);
        const res = await call(t.app, method as 'POST', url, {
          key,
          body,
          headers: { 'idempotency-key': crypto.randomUUID(), ...(match ? { 'if-match': match } : {}) },
        });
        // 403 from the role; a 400 only if our body was wrong, which would hide nothing: fail on it.
        expect(`${method} ${url} → ${res.statusCode}`).toBe(`${method} ${url} → 403`);
      }
    }
    // Nothing changed: the interview is still awaiting a reply, the task still open.
    const after = (await call(t.app, 'GET', `/cohort/${mine.id}`, { key: advisor.key })).json();
    expect(after.interviews[0].state).toBe('awaiting_reply');
    expect(after.tasks.map((task: { id: string }) => task.id)).toContain(taskId);
  });
});
