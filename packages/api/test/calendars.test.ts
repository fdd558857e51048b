// Every iCalendar object the API produces is parsed back with ical.js (an independent parser,
// Mozilla's) and its instants are compared with what was scheduled.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { call, drivers, type TestContext, useTestApp } from './helper.js';

const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Math.round((Date.now() + h * HOUR) / 1000) * 1000);

interface ParsedEvent {
  uid: string;
  sequence: number;
  start: number;
  end: number;
  status: string | null;
  summary: string;
  alarms: { trigger: number | null; before: number | null }[];
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  const events: ParsedEvent[] = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate().getTime(),
      end: event.endDate.toJSDate().getTime(),
      status: (vevent.getFirstPropertyValue('status') as string | null) ?? null,
      summary: event.summary,
      alarms: vevent.getAllSubcomponents('valarm').map((alarm) => {
        const trigger = alarm.getFirstPropertyValue('trigger') as unknown;
        return trigger instanceof ICAL.Time
          ? { trigger: trigger.toJSDate().getTime(), before: null }
          : { trigger: null, before: -(trigger as ICAL.Duration).toSeconds() };
      }),
    };
  });
  return { method: calendar.getFirstPropertyValue('method') as string | null, events };
}

async function setup(t: TestContext) {
  const tenant = await t.tenant();
  const student = (
    await call(t.app, 'POST', '/students', {
      key: tenant.adminKey,
      body: { externalId: `cal-${crypto.randomUUID()}`, name: 'Sam Lee', timeZone: 'America/New_York' },
    })
  ).json() as { id: string };
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
  ).json() as { id: string };
  const created = await call(t.app, 'POST', '/interviews', { key, body: { contactId: contact.id } });
  let etag = created.headers.etag as string;
  const id = created.json().id as string;
  const act = async (action: string, body: unknown) => {
    const res = await call(t.app, 'POST', `/interviews/${id}/${action}`, {
      key,
      body,
      headers: { 'if-match': etag },
    });
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    etag = res.headers.etag as string;
  };
  return { tenant, studentId: student.id, key, interviewId: id, act };
}

describe.each(drivers)('calendars (%s)', (driver) => {
  const t = useTestApp(driver);

  it('a meeting is an event; moving it keeps the UID and bumps SEQUENCE; cancelling sends METHOD:CANCEL', async () => {
    const s = await setup(t);
    const ics = async () => {
      const res = await call(t.app, 'GET', `/meetings/${s.interviewId}/ics`, { key: s.key });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      return parse(res.body);
    };
    // No meeting yet: a 404 problem.
    const none = await call(t.app, 'GET', `/meetings/${s.interviewId}/ics`, { key: s.key });
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('meeting.not_found');

    await s.act('attempts', { channel: 'email' });
    const first = inHours(48);
    await s.act('reply', {
      response: 'accepted',
      meeting: { at: first.toISOString(), durationMinutes: 30, location: 'Café Nero' },
    });
    const one = await ics();
    expect(one.method).toBe('PUBLISH');
    expect(one.events).toHaveLength(1);
    const [event] = one.events;
    expect(event).toMatchObject({
      uid: `${s.interviewId}@infoview`,
      sequence: 0,
      start: first.getTime(),
      end: first.getTime() + 30 * 60_000,
      status: 'CONFIRMED',
      summary: 'Informational interview with Pat Chen (Acme)',
    });
    expect(event!.alarms).toEqual([{ trigger: null, before: 3600 }]);

    const moved = inHours(72.5);
    await s.act('meeting', { at: moved.toISOString(), durationMinutes: 45 });
    const two = (await ics()).events[0]!;
    expect(two).toMatchObject({
      uid: event!.uid,
      sequence: 1,
      start: moved.getTime(),
      end: moved.getTime() + 45 * 60_000,
    });
    await s.act('meeting', { at: moved.toISOString(), durationMinutes: 20 });
    expect((await ics()).events[0]!.sequence).toBe(2);

    await s.act('meeting/cancel', { reason: 'cancelled' });
    const cancelled = await ics();
    expect(cancelled.method).toBe('CANCEL');
    expect(cancelled.events[0]).toMatchObject({
      uid: event!.uid,
      sequence: 3,
      status: 'CANCELLED',
      start: moved.getTime(),
    });
    expect(cancelled.events[0]!.alarms).toEqual([]);

    // Another tenant's key sees nothing of it.
    const other = await t.tenant('Elsewhere');
    expect(
      (await call(t.app, 'GET', `/meetings/${s.interviewId}/ics`, { key: other.adminKey })).statusCode,
    ).toBe(404);
  });

  it('a subscription feed: token shown once and hashed at rest, meetings and task due times with alarms, revocable', async () => {
    const s = await setup(t);
    await s.act('attempts', { channel: 'email' });
    const at = inHours(30);
    await s.act('reply', { response: 'accepted', meeting: { at: at.toISOString(), durationMinutes: 30 } });

    const made = await call(t.app, 'POST', `/students/${s.studentId}/calendar-feed`, { key: s.key });
    expect(made.statusCode, made.body).toBe(201);
    const feed = made.json() as { id: string; token: string; path: string };
    expect(feed.token).toMatch(/^iv_cal_[A-Za-z0-9_-]{40}$/);
    expect(made.headers.location).toBe(feed.path);
    expect(made.headers['cache-control']).toBe('no-store');
    // Only the hash is stored.
    const stored = await t.database.db.execute(
      `select hash from calendar_feeds where id = '${feed.id}'` as never,
    );
    const text = JSON.stringify(stored);
    expect(text).not.toContain(feed.token);
    expect(text).toMatch(/[0-9a-f]{64}/);

    // No Authorization: the token is the credential.
    const got = await t.app.inject({ method: 'GET', url: feed.path });
    expect(got.statusCode, got.body).toBe(200);
    expect(got.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const parsed = parse(got.body);
    const meeting = parsed.events.find((e) => e.uid === `${s.interviewId}@infoview`);
    expect(meeting).toMatchObject({ start: at.getTime(), end: at.getTime() + 30 * 60_000, sequence: 0 });

    const tasks = (await call(t.app, 'GET', `/tasks?studentId=${s.studentId}`, { key: s.key })).json()
      .data as {
      id: string;
      title: string;
      dueAt: string;
      remindAt: string;
      status: string;
    }[];
    const open = tasks.filter((task) => task.status === 'open');
    expect(open.length).toBeGreaterThan(0);
    for (const task of open) {
      const event = parsed.events.find((e) => e.uid === `task-${task.id}@infoview`);
      expect(event, task.title).toBeDefined();
      expect(event!.start).toBe(new Date(task.dueAt).getTime());
      expect(event!.summary).toBe(task.title);
      const remind = Math.min(new Date(task.remindAt).getTime(), new Date(task.dueAt).getTime());
      expect(event!.alarms).toEqual([{ trigger: remind, before: null }]);
    }
    expect(parsed.events).toHaveLength(1 + open.length);

    // A new feed revokes the old URL; DELETE revokes the new one.
    const again = (
      await call(t.app, 'POST', `/students/${s.studentId}/calendar-feed`, { key: s.key })
    ).json();
    expect((await t.app.inject({ method: 'GET', url: feed.path })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: again.path })).statusCode).toBe(200);
    const revoked = await call(t.app, 'DELETE', `/students/${s.studentId}/calendar-feed`, { key: s.key });
    expect(revoked.statusCode).toBe(204);
    const gone = await t.app.inject({ method: 'GET', url: again.path });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(gone.json().code).toBe('calendar_feed.not_found');
    // A malformed token is a 400 problem naming it, never a 500.
    const malformed = await t.app.inject({ method: 'GET', url: '/calendar-feeds/nope.ics' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/);

    // Another student's key cannot make a feed for this student.
    const otherStudent = (
      await call(t.app, 'POST', '/students', {
        key: s.tenant.adminKey,
        body: { externalId: `cal-${crypto.randomUUID()}`, name: 'Kim Park', timeZone: 'UTC' },
      })
    ).json() as { id: string };
    const otherKey = await s.tenant.key('student', { studentId: otherStudent.id });
    expect(
      (await call(t.app, 'POST', `/students/${s.studentId}/calendar-feed`, { key: otherKey })).statusCode,
    ).toBe(404);
  });
});
