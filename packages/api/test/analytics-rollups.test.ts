import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { contributionOf } from '../src/services/analytics/contribution.js';
import { rowsOf } from '../src/services/analytics/rows.js';
import type { ServiceContext } from '../src/services/context.js';
import { loadNetwork } from '../src/services/network/load.js';
import { policyForStudent } from '../src/services/policies/in-force.js';
import { call, drivers, type TestContext, useTestApp } from './helper.js';

const DAY = 86_400_000;

type Op =
  | { kind: 'createContact'; student: number; source: string }
  | { kind: 'updateContact'; pick: number; source: string }
  | { kind: 'deleteContact'; pick: number }
  | { kind: 'createInterview'; pick: number }
  | { kind: 'attempt'; pick: number }
  | { kind: 'reply'; pick: number; accepted: boolean }
  | { kind: 'complete'; pick: number }
  | { kind: 'thankYou'; pick: number }
  | { kind: 'referral'; pick: number }
  | { kind: 'withdraw'; pick: number }
  | { kind: 'touchpoint'; pick: number }
  | { kind: 'milestone'; student: number }
  | { kind: 'policy'; hours: number };

const pick = fc.nat(20);
const student = fc.nat(2);
const source = fc.constantFrom('friend', 'alumni_directory', 'event');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('createContact' as const), student, source }),
  fc.record({ kind: fc.constant('updateContact' as const), pick, source }),
  fc.record({ kind: fc.constant('deleteContact' as const), pick }),
  fc.record({ kind: fc.constant('createInterview' as const), pick }),
  fc.record({ kind: fc.constant('attempt' as const), pick }),
  fc.record({ kind: fc.constant('reply' as const), pick, accepted: fc.boolean() }),
  fc.record({ kind: fc.constant('complete' as const), pick }),
  fc.record({ kind: fc.constant('thankYou' as const), pick }),
  fc.record({ kind: fc.constant('referral' as const), pick }),
  fc.record({ kind: fc.constant('withdraw' as const), pick }),
  fc.record({ kind: fc.constant('touchpoint' as const), pick }),
  fc.record({ kind: fc.constant('milestone' as const), student }),
  fc.record({ kind: fc.constant('policy' as const), hours: fc.integer({ min: 1, max: 72 }) }),
);

const of = <T>(list: T[], n: number): T | undefined =>
  list.length === 0 ? undefined : list[n % list.length];

const quiet = { info() {}, warn() {}, error() {} };

/** The rollups as stored, beside the same figures recomputed from scratch from the stored networks. */
async function storedAndRecomputed(db: Db, tenantId: string, studentIds: string[]) {
  const ctx: ServiceContext = {
    db,
    tenantId,
    actor: {
      apiKeyId: crypto.randomUUID(),
      scope: 'admin',
      role: 'admin',
      studentId: null,
      advisorId: null,
      actingAs: false,
    },
    now: () => new Date(),
    log: quiet,
  };
  const fresh = new Map<string, number>();
  const tenantFresh = new Map<string, { value: number; students: number }>();
  for (const studentId of studentIds) {
    const network = await loadNetwork(ctx, studentId);
    const contribution = contributionOf({
      network: network!,
      identifiedAt: network!.identifiedAt,
      policy: await policyForStudent(ctx, studentId),
    });
    for (const [k, v] of contribution) {
      fresh.set(`${studentId}|${k}`, v);
      const cell = tenantFresh.get(k) ?? { value: 0, students: 0 };
      tenantFresh.set(k, { value: cell.value + v, students: cell.students + 1 });
    }
  }
  const stored = new Map(
    rowsOf<{ student_id: string; week: string; metric: string; value: number }>(
      await db.execute(
        sql`select student_id, week::text as week, metric, value from analytics_student_weeks where tenant_id = ${tenantId}`,
      ),
    ).map((r) => [`${r.student_id}|${r.week}|${r.metric}`, r.value]),
  );
  const tenantStored = new Map(
    rowsOf<{ week: string; metric: string; value: number; students: number }>(
      await db.execute(sql`select week::text as week, metric, sum(value)::int as value, sum(students)::int as students
        from analytics_tenant_weeks where tenant_id = ${tenantId} group by week, metric
        having sum(value) <> 0 or sum(students) <> 0`),
    ).map((r) => [`${r.week}|${r.metric}`, { value: r.value, students: r.students }]),
  );
  // Independent of the contribution code: interviews identified per week, straight from the table.
  const identified = new Map(
    rowsOf<{ week: string; n: number }>(
      await db.execute(sql`select date_trunc('week', created_at at time zone 'UTC')::date::text as week, count(*)::int as n
        from interviews where tenant_id = ${tenantId} group by 1`),
    ).map((r) => [`${r.week}|identified`, r.n]),
  );
  const identifiedStored = new Map(
    [...tenantStored].filter(([k]) => k.endsWith('|identified')).map(([k, v]) => [k, v.value]),
  );
  return { stored, fresh, tenantStored, tenantFresh, identified, identifiedStored };
}

/**
 * The rollups kept incrementally on every write equal a recomputation from scratch: after random
 * sequences of API writes over three students (contacts changing source or deleted, the whole
 * lifecycle, touchpoints, milestones, a policy change), per student and for the tenant.
 */
describe.each(drivers)('analytics rollups equal a recomputation (%s)', (driver) => {
  const t: TestContext = useTestApp(driver);

  async function run(ops: Op[]) {
    const tenant = await t.tenant();
    const admin = tenant.adminKey;
    const studentIds: string[] = [];
    for (let n = 0; n < 3; n++) {
      const s = await call(t.app, 'POST', '/students', {
        key: admin,
        body: {
          externalId: `r-${crypto.randomUUID()}`,
          name: `Student ${n}`,
          timeZone: n === 1 ? 'Asia/Tokyo' : 'UTC',
        },
      });
      studentIds.push(s.json().id);
    }
    const contacts: { id: string; studentId: string }[] = [];
    const interviews: string[] = [];
    // A virtual "now" that moves forward a day or so per write, so events spread over weeks.
    let at = Date.now() - 40 * DAY;
    const next = () => {
      at += 0.7 * DAY;
      return new Date(at).toISOString();
    };
    const action = async (id: string | undefined, verb: string, body: object) => {
      if (!id) return undefined;
      const read = await call(t.app, 'GET', `/interviews/${id}`, { key: admin });
      if (read.statusCode !== 200) return undefined;
      return call(t.app, 'POST', `/interviews/${id}/${verb}`, {
        key: admin,
        body: { ...body, at: next() },
        headers: { 'if-match': read.headers.etag as string },
      });
    };
    let n = 0;
    let counted = 0;
    for (const o of ops) {
      const c = of(contacts, 'pick' in o ? o.pick : 0);
      const i = of(interviews, 'pick' in o ? o.pick : 0);
      let response: Awaited<ReturnType<typeof call>> | undefined;
      switch (o.kind) {
        case 'createContact': {
          const studentId = studentIds[o.student]!;
          response = await call(t.app, 'POST', '/contacts', {
            key: admin,
            body: { studentId, name: `Contact ${++n}`, source: o.source, known: false },
          });
          if (response.statusCode === 201) contacts.push({ id: response.json().id, studentId });
          break;
        }
        case 'updateContact':
          if (c) {
            const read = await call(t.app, 'GET', `/contacts/${c.id}`, { key: admin });
            response = await call(t.app, 'PATCH', `/contacts/${c.id}`, {
              key: admin,
              body: { source: o.source },
              headers: { 'if-match': read.headers.etag as string },
            });
          }
          break;
        case 'deleteContact':
          if (c) {
            response = await call(t.app, 'DELETE', `/contacts/${c.id}`, { key: admin });
            contacts.splice(contacts.indexOf(c), 1);
          }
          break;
        case 'createInterview':
          if (c) {
            response = await call(t.app, 'POST', '/interviews', { key: admin, body: { contactId: c.id } });
            if (response.statusCode === 201) interviews.push(response.json().id);
          }
          break;
        case 'attempt':
          response = await action(i, 'attempts', { channel: 'email' });
          break;
        case 'reply': {
          const meetingAt = new Date(at + 1.5 * DAY).toISOString();
          response = await action(i, 'reply', {
            response: o.accepted ? 'accepted' : 'declined',
            ...(o.accepted ? { meeting: { at: meetingAt, durationMinutes: 30 } } : {}),
          });
          break;
        }
        case 'complete':
          at += 2 * DAY;
          response = await action(i, 'complete', {});
          break;
        case 'thankYou':
          response = await action(i, 'thank-you', {});
          break;
        case 'referral':
          response = await action(i, 'referrals', { name: `Referred ${++n}` });
          break;
        case 'withdraw':
          response = await action(i, 'withdraw', {});
          break;
        case 'touchpoint':
          if (c)
            response = await call(t.app, 'POST', '/touchpoints', {
              key: admin,
              body: { contactId: c.id, kind: 'keep_in_touch', at: next() },
            });
          break;
        case 'milestone':
          response = await call(t.app, 'POST', '/milestones', {
            key: admin,
            body: { studentId: studentIds[o.student]!, kind: 'position_secured', at: next() },
          });
          break;
        case 'policy': {
          // A tenant-wide change: the durable re-evaluation job brings every student's rollup along.
          response = await call(t.app, 'PUT', '/policy', {
            key: admin,
            body: { thankYouDueAfter: { amount: o.hours, unit: 'hours' } },
            headers: { 'if-match': '*' },
          });
          const job = response.headers.location as string | undefined;
          if (job) await settle(admin, job);
          break;
        }
      }
      if (response) expect(response.statusCode, `${o.kind}: ${response.body}`).toBeLessThan(500);
      const r = await storedAndRecomputed(t.database.db, tenant.tenantId, studentIds);
      if (r.fresh.size > 0) counted++;
      expect(r.stored, `students after ${o.kind}`).toEqual(r.fresh);
      expect(r.tenantStored, `tenant after ${o.kind}`).toEqual(r.tenantFresh);
      expect(r.identifiedStored, `identified after ${o.kind}`).toEqual(r.identified);
    }
    // The sequence starts with an outreach: the comparisons were of something.
    expect(counted).toBeGreaterThan(0);
  }

  async function settle(key: string, job: string) {
    for (let n = 0; n < 300; n++) {
      const state = (await call(t.app, 'GET', job, { key })).json().state as string;
      if (state !== 'queued' && state !== 'running') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${job} did not finish`);
  }

  it('after random sequences of writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 24 }), (ops) =>
        run([
          { kind: 'createContact', student: 0, source: 'friend' },
          { kind: 'createContact', student: 1, source: 'event' },
          { kind: 'createInterview', pick: 0 },
          { kind: 'createInterview', pick: 1 },
          { kind: 'attempt', pick: 0 },
          ...ops,
        ]),
      ),
      { numRuns: 5, endOnFailure: true },
    );
  }, 600_000);
});
