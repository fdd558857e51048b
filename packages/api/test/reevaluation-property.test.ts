import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, drivers, type TestContext, useTestApp } from './helper.js';
import { storedAndFresh } from './network-oracle.js';

const DAY = 86_400_000;

/** One API write; indices pick among the entities that exist when it runs (modulo their count). */
type Op =
  | { kind: 'createContact'; organization: string | null; known: boolean }
  | { kind: 'updateContact'; pick: number; organization: string | null; known: boolean }
  | { kind: 'deleteContact'; pick: number }
  | { kind: 'createInterview'; pick: number }
  | { kind: 'attempt'; pick: number }
  | { kind: 'reply'; pick: number; accepted: boolean; meetingInDays: number }
  | { kind: 'complete'; pick: number }
  | { kind: 'withdraw'; pick: number }
  | { kind: 'touchpoint'; pick: number }
  | { kind: 'milestone' }
  | { kind: 'completeTask'; pick: number }
  | { kind: 'snoozeTask'; pick: number; days: number }
  | { kind: 'timeZone'; zone: string }
  | { kind: 'studentPolicy'; days: number | null };

const organization = fc.constantFrom('Acme', 'Globex', null);
const pick = fc.nat(20);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('createContact' as const), organization, known: fc.boolean() }),
  fc.record({ kind: fc.constant('updateContact' as const), pick, organization, known: fc.boolean() }),
  fc.record({ kind: fc.constant('deleteContact' as const), pick }),
  fc.record({ kind: fc.constant('createInterview' as const), pick }),
  fc.record({ kind: fc.constant('attempt' as const), pick }),
  fc.record({
    kind: fc.constant('reply' as const),
    pick,
    accepted: fc.boolean(),
    meetingInDays: fc.integer({ min: 1, max: 20 }),
  }),
  fc.record({ kind: fc.constant('complete' as const), pick }),
  fc.record({ kind: fc.constant('withdraw' as const), pick }),
  fc.record({ kind: fc.constant('touchpoint' as const), pick }),
  fc.record({ kind: fc.constant('milestone' as const) }),
  fc.record({ kind: fc.constant('completeTask' as const), pick }),
  fc.record({ kind: fc.constant('snoozeTask' as const), pick, days: fc.integer({ min: 1, max: 30 }) }),
  fc.record({
    kind: fc.constant('timeZone' as const),
    zone: fc.constantFrom('UTC', 'America/Chicago', 'Asia/Tokyo', 'Pacific/Auckland'),
  }),
  fc.record({
    kind: fc.constant('studentPolicy' as const),
    days: fc.option(fc.integer({ min: 1, max: 30 })),
  }),
);

const of = <T>(list: T[], n: number): T | undefined =>
  list.length === 0 ? undefined : list[n % list.length];

/**
 * Random sequences of API writes, and after each one the invariant the re-evaluation mechanism
 * keeps: the stored open and snoozed tasks are exactly what a fresh evaluation of the stored
 * network derives (less what the student completed or dismissed at that due time).
 */
describe.each(drivers)('stored tasks equal a fresh evaluation after any write (%s)', (driver) => {
  const t: TestContext = useTestApp(driver);

  async function run(ops: Op[], preset: 'guide' | 'two_hour_job_search') {
    const tenant = await t.tenant();
    const admin = tenant.adminKey;
    const policy = await call(t.app, 'PUT', '/policy', {
      key: admin,
      body: { preset, studentOverridable: ['followUpAfter'] },
      headers: { 'if-match': '*' },
    });
    expect(policy.statusCode).toBe(200);
    const student = await call(t.app, 'POST', '/students', {
      key: admin,
      body: { externalId: `p-${crypto.randomUUID()}`, name: 'Pia Property', timeZone: 'UTC' },
    });
    const studentId: string = student.json().id;
    const key = await tenant.key('student', { studentId });
    const contacts: string[] = [];
    const interviews: string[] = [];
    let n = 0;

    const etagOf = async (path: string) => {
      const read = await call(t.app, 'GET', path, { key });
      return read.statusCode === 200 ? (read.headers.etag as string) : undefined;
    };
    const openTasks = async (status: string) =>
      (await call(t.app, 'GET', '/tasks', { key, query: { studentId, status, limit: '100' } })).json()
        .data as { id: string }[];
    const action = async (id: string | undefined, verb: string, body: object) => {
      const etag = id && (await etagOf(`/interviews/${id}`));
      if (!etag) return undefined;
      return call(t.app, 'POST', `/interviews/${id}/${verb}`, { key, body, headers: { 'if-match': etag } });
    };
    /** Sends a write that needs the ETag of `path` (skipped when it is gone). */
    const guarded = async (method: 'PATCH' | 'PUT', path: string, body: object) => {
      const etag = await etagOf(path);
      return etag ? call(t.app, method, path, { key, body, headers: { 'if-match': etag } }) : undefined;
    };

    for (const o of ops) {
      const c = of(contacts, 'pick' in o ? o.pick : 0);
      const i = of(interviews, 'pick' in o ? o.pick : 0);
      let response: Awaited<ReturnType<typeof call>> | undefined;
      switch (o.kind) {
        case 'createContact':
          response = await call(t.app, 'POST', '/contacts', {
            key,
            body: {
              studentId,
              name: `Contact ${++n}`,
              organization: o.organization,
              known: o.known,
              source: 'friend',
            },
          });
          if (response.statusCode === 201) contacts.push(response.json().id);
          break;
        case 'updateContact':
          if (c)
            response = await guarded('PATCH', `/contacts/${c}`, {
              organization: o.organization,
              known: o.known,
            });
          break;
        case 'deleteContact':
          if (c) {
            response = await call(t.app, 'DELETE', `/contacts/${c}`, { key });
            contacts.splice(contacts.indexOf(c), 1);
          }
          break;
        case 'createInterview':
          if (c) {
            response = await call(t.app, 'POST', '/interviews', { key, body: { contactId: c } });
            if (response.statusCode === 201) interviews.push(response.json().id);
          }
          break;
        case 'attempt':
          response = await action(i, 'attempts', { channel: 'email' });
          break;
        case 'reply':
          response = await action(i, 'reply', {
            response: o.accepted ? 'accepted' : 'declined',
            ...(o.accepted
              ? {
                  meeting: {
                    at: new Date(Date.now() + o.meetingInDays * DAY).toISOString(),
                    durationMinutes: 30,
                  },
                }
              : {}),
          });
          break;
        case 'complete':
          response = await action(i, 'complete', {});
          break;
        case 'withdraw':
          response = await action(i, 'withdraw', {});
          break;
        case 'touchpoint':
          if (c)
            response = await call(t.app, 'POST', '/touchpoints', {
              key,
              body: { contactId: c, kind: 'keep_in_touch' },
            });
          break;
        case 'milestone':
          response = await call(t.app, 'POST', '/milestones', {
            key,
            body: { studentId, kind: 'position_secured' },
          });
          break;
        case 'completeTask': {
          const task = of(await openTasks('open'), o.pick);
          if (task) response = await call(t.app, 'POST', `/tasks/${task.id}/complete`, { key, body: {} });
          break;
        }
        case 'snoozeTask': {
          const task = of(await openTasks('open'), o.pick);
          if (task)
            response = await call(t.app, 'POST', `/tasks/${task.id}/snooze`, {
              key,
              body: { until: new Date(Date.now() + o.days * DAY).toISOString() },
            });
          break;
        }
        case 'timeZone':
          response = await guarded('PATCH', `/students/${studentId}`, { timeZone: o.zone });
          break;
        case 'studentPolicy':
          response = await guarded(
            'PUT',
            `/students/${studentId}/policy`,
            o.days === null ? {} : { followUpAfter: { amount: o.days, unit: 'calendar_days' } },
          );
          break;
      }
      // A refused write (a lifecycle refusal, a stale ETag) is fine; a server error never is.
      if (response) expect(response.statusCode, `${o.kind}: ${response.body}`).toBeLessThan(500);
      const { stored, fresh } = await storedAndFresh(t.database.db, tenant.tenantId, studentId);
      expect(stored, `after ${o.kind}`).toEqual(fresh);
    }
  }

  it('random sequences of writes never leave a stale task', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 8, maxLength: 16 }),
        fc.constantFrom('guide' as const, 'two_hour_job_search' as const),
        // Every sequence starts with a couple of contacts, so most writes have something to act on.
        (ops, preset) =>
          run(
            [
              { kind: 'createContact', organization: 'Acme', known: false },
              { kind: 'createContact', organization: 'Acme', known: true },
              { kind: 'createInterview', pick: 0 },
              { kind: 'createInterview', pick: 1 },
              ...ops,
            ],
            preset,
          ),
      ),
      { numRuns: 6, endOnFailure: true },
    );
  }, 300_000);
});
