import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Duration, Policy } from '../../src/domain/policy.js';
import type { Contact, Milestone, Touchpoint } from '../../src/domain/types.js';
import type { InterviewEvent } from '../../src/interview/events.js';
import { type Interview, newInterview } from '../../src/interview/interview.js';
import { isClosed } from '../../src/interview/states.js';
import { transition } from '../../src/lifecycle/transition.js';
import { GUIDE_POLICY, TWO_HOUR_JOB_SEARCH_POLICY } from '../../src/policy/presets.js';
import { evaluateNetwork } from '../../src/rules/engine.js';
import type { StudentNetwork } from '../../src/rules/types.js';
import { addDuration, calendarFor } from '../../src/time/calendar.js';
import { DAY, HOUR } from '../support.js';

/**
 * Model-based tests: random sequences of student actions and clock moves, with the clock
 * starting just before a daylight-saving change, against the real lifecycle and rule engine.
 */

const ZONES = ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
// A few days before DST changes in 2026: US Mar 8 / Nov 1, EU Mar 29 / Oct 25, AU Apr 5 / Oct 4.
const STARTS = [
  '2026-03-05T12:00:00Z',
  '2026-10-22T12:00:00Z',
  '2026-03-26T12:00:00Z',
  '2026-04-02T12:00:00Z',
];

interface World {
  now: number;
  timeZone: string;
  policy: Policy;
  contacts: Contact[];
  interviews: Interview[];
  touchpoints: Touchpoint[];
  milestones: Milestone[];
  accepted: Map<string, number>;
  seq: number;
}

function networkOf(w: World): StudentNetwork {
  return {
    student: { id: 's', timeZone: w.timeZone },
    contacts: w.contacts,
    interviews: w.interviews,
    touchpoints: w.touchpoints,
    milestones: w.milestones,
  };
}

function apply(w: World, index: number, event: InterviewEvent): void {
  const i = w.interviews[index % w.interviews.length]!;
  const contact = w.contacts.find((c) => c.id === i.contactId)!;
  const result = transition(i, event, {
    policy: w.policy,
    timeZone: w.timeZone,
    contact,
    actor: { kind: event.type === 'mark_unresponsive' ? 'system' : 'student' },
  });
  if (!result.ok) {
    // A refusal leaves the snapshot untouched and always carries a stable code.
    expect(result.refusal.code).toMatch(/^[a-z_]+\.[a-z_]+$/);
    return;
  }
  expect(result.snapshot.timeline.length).toBe(i.timeline.length + 1);
  w.interviews[index % w.interviews.length] = result.snapshot;
  w.accepted.set(i.id, (w.accepted.get(i.id) ?? 0) + 1);
}

class Act implements fc.Command<World, World> {
  constructor(
    readonly index: number,
    readonly make: (w: World) => InterviewEvent,
    readonly label: string,
  ) {}
  check = () => true;
  run(_m: World, w: World): void {
    apply(w, this.index, this.make(w));
    checkInvariants(w);
  }
  toString = () => `${this.label}(#${this.index})`;
}

class Advance implements fc.Command<World, World> {
  constructor(readonly ms: number) {}
  check = () => true;
  run(_m: World, w: World): void {
    w.now += this.ms;
    // The scheduler applies timed transitions that fell due.
    for (const tt of evaluateNetwork(networkOf(w), w.policy).timedTransitions) {
      if (tt.at <= w.now) {
        apply(
          w,
          w.interviews.findIndex((i) => i.id === tt.interviewId),
          { type: 'mark_unresponsive', at: w.now },
        );
      }
    }
    checkInvariants(w);
  }
  toString = () => `advance(${Math.round(this.ms / HOUR)}h)`;
}

class Touch implements fc.Command<World, World> {
  constructor(readonly contact: number) {}
  check = () => true;
  run(_m: World, w: World): void {
    const c = w.contacts[this.contact % w.contacts.length]!;
    w.touchpoints.push({ id: `t${w.seq++}`, contactId: c.id, at: w.now, kind: 'keep_in_touch' });
    checkInvariants(w);
  }
  toString = () => `touch(${this.contact})`;
}

class Milestone_ implements fc.Command<World, World> {
  check = () => true;
  run(_m: World, w: World): void {
    w.milestones.push({ id: `m${w.seq++}`, kind: 'position_secured', at: w.now });
    checkInvariants(w);
  }
  toString = () => 'milestone';
}

function durationFor(value: unknown): Duration | null {
  if (value && typeof value === 'object' && 'amount' in value && 'unit' in value) return value as Duration;
  return null;
}

function checkInvariants(w: World): void {
  const net = networkOf(w);
  const first = evaluateNetwork(net, w.policy);
  const again = evaluateNetwork(net, w.policy);
  // Deterministic and idempotent: the same network gives the same answer, keys never repeat.
  expect(again).toEqual(first);
  expect(new Set(first.tasks.map((t) => t.key)).size).toBe(first.tasks.length);

  const byId = new Map(w.interviews.map((i) => [i.id, i]));
  for (const i of w.interviews) {
    // Never more than two unsolicited attempts.
    expect(i.attempts.length).toBeLessThanOrEqual(w.policy.maxUnsolicitedAttempts);
    // Every accepted event is on the timeline, in order.
    expect(i.timeline.length).toBe(w.accepted.get(i.id) ?? 0);
    for (let k = 1; k < i.timeline.length; k++)
      expect(i.timeline[k]!.at).toBeGreaterThanOrEqual(i.timeline[k - 1]!.at);
  }
  const cal = calendarFor(w.timeZone, w.policy);
  for (const t of first.tasks) {
    // Nothing is due for a closed interview.
    if (t.interviewId !== null) expect(isClosed(byId.get(t.interviewId)!.state)).toBe(false);
    // Every due time follows from its rule's anchor and policy duration.
    const keyed = Object.entries(t.explanation.policy)
      .map(([, v]) => durationFor(v))
      .filter((d): d is Duration => d !== null);
    const offset = t.ruleId === 'prep.checklist' ? { ...keyed[0]!, amount: -keyed[0]!.amount } : keyed[0]!;
    expect(t.dueAt).toBe(addDuration(t.explanation.anchor.at, offset, cal));
    expect(t.remindAt).toBeGreaterThanOrEqual(t.dueAt);
  }
  for (const tt of first.timedTransitions) expect(isClosed(byId.get(tt.interviewId)!.state)).toBe(false);
}

const idx = fc.nat({ max: 3 });
const commands = fc.commands(
  [
    idx.map((n) => new Act(n, (w) => ({ type: 'send_outreach', at: w.now, channel: 'email' }), 'outreach')),
    idx.map((n) => new Act(n, (w) => ({ type: 'send_follow_up', at: w.now, channel: 'email' }), 'follow_up')),
    fc.tuple(idx, fc.boolean(), fc.integer({ min: 1, max: 20 })).map(
      ([n, yes, days]) =>
        new Act(
          n,
          (w) => ({
            type: 'receive_reply',
            at: w.now,
            response: yes ? 'accepted' : 'declined',
            meeting: { at: w.now + days * DAY, durationMinutes: 30 },
          }),
          yes ? 'accept' : 'decline',
        ),
    ),
    idx.map(
      (n) =>
        new Act(n, (w) => ({ type: 'update_prep', at: w.now, items: { research_person: true } }), 'prep'),
    ),
    idx.map((n) => new Act(n, (w) => ({ type: 'complete', at: w.now }), 'complete')),
    idx.map((n) => new Act(n, (w) => ({ type: 'record_notes', at: w.now, learnedPoints: ['x'] }), 'notes')),
    idx.map((n) => new Act(n, (w) => ({ type: 'send_thank_you', at: w.now }), 'thank_you')),
    idx.map((n) => new Act(n, (w) => ({ type: 'record_referral', at: w.now }), 'referral')),
    idx.map((n) => new Act(n, (w) => ({ type: 'withdraw', at: w.now }), 'withdraw')),
    idx.map((n) => new Act(n, (w) => ({ type: 'mark_unresponsive', at: w.now }), 'unresponsive')),
    fc.integer({ min: HOUR, max: 20 * DAY }).map((ms) => new Advance(ms)),
    fc.nat({ max: 3 }).map((n) => new Touch(n)),
    fc.constant(new Milestone_()),
  ],
  { maxCommands: 40 },
);

function world(timeZone: string, start: string, policy: Policy): World {
  const contacts: Contact[] = [0, 1, 2, 3].map((n) => ({
    id: `c${n}`,
    name: `Contact ${n}`,
    source: n === 3 ? 'referral' : 'alumni_directory',
    known: n === 1,
    organization: n < 2 ? 'Acme' : 'Globex',
    referrerContactId: n === 3 ? 'c0' : null,
  }));
  return {
    now: Date.parse(start),
    timeZone,
    policy,
    contacts,
    interviews: contacts.map((c, n) => newInterview({ id: `i${n}`, contactId: c.id })),
    touchpoints: [],
    milestones: [],
    accepted: new Map(),
    seq: 0,
  };
}

describe('lifecycle and rules, model-based', () => {
  it('hold their invariants over random event sequences across DST changes (guide)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.constantFrom(...STARTS), commands, (tz, start, cmds) => {
        const w = world(tz, start, GUIDE_POLICY);
        fc.modelRun(() => ({ model: w, real: w }), cmds);
      }),
      { numRuns: 150 },
    );
  });

  it('hold their invariants under the two_hour_job_search preset with holidays', () => {
    const policy = { ...TWO_HOUR_JOB_SEARCH_POLICY, holidays: ['2026-03-09', '2026-10-26', '2026-04-03'] };
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.constantFrom(...STARTS), commands, (tz, start, cmds) => {
        const w = world(tz, start, policy);
        fc.modelRun(() => ({ model: w, real: w }), cmds);
      }),
      { numRuns: 100 },
    );
  });
});
