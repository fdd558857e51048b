import type { Contact, Milestone, Touchpoint } from '../src/domain/types.js';
import type { InterviewEvent } from '../src/interview/events.js';
import { type Interview, newInterview } from '../src/interview/interview.js';
import { replay, transition } from '../src/lifecycle/transition.js';
import { GUIDE_POLICY } from '../src/policy/presets.js';
import { evaluateNetwork } from '../src/rules/engine.js';
import type { StudentNetwork } from '../src/rules/types.js';
import { fmt, median } from './stats.js';

const DAY = 86_400_000;
const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Australia/Sydney',
];

/** A deterministic pseudo-random generator (mulberry32) so every run builds the same tenant. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Event scripts that leave an interview in each lifecycle state. */
function script(kind: number, t0: number): InterviewEvent[] {
  const meeting = { at: t0 + 20 * DAY, durationMinutes: 30 };
  const outreach: InterviewEvent = { type: 'send_outreach', at: t0, channel: 'email' };
  const followUp: InterviewEvent = { type: 'send_follow_up', at: t0 + 14 * DAY, channel: 'email' };
  const accept: InterviewEvent = { type: 'receive_reply', at: t0 + 2 * DAY, response: 'accepted', meeting };
  const complete: InterviewEvent = { type: 'complete', at: meeting.at + 30 * 60_000 };
  switch (kind) {
    case 0:
      return [];
    case 1:
      return [outreach];
    case 2:
      return [outreach, followUp];
    case 3:
      return [outreach, accept, { type: 'update_prep', at: t0 + 3 * DAY, items: { research_person: true } }];
    case 4:
      return [outreach, accept, complete];
    case 5:
      return [
        outreach,
        accept,
        complete,
        { type: 'record_notes', at: meeting.at + DAY, learnedPoints: ['a'] },
        { type: 'send_thank_you', at: meeting.at + DAY },
      ];
    case 6:
      return [outreach, { type: 'receive_reply', at: t0 + DAY, response: 'declined' }];
    default:
      return [outreach, { type: 'withdraw', at: t0 + DAY }];
  }
}

/** One student's network of `size` interviews in a realistic mix of states. */
export function buildNetwork(student: number, size: number, random: () => number): StudentNetwork {
  const timeZone = ZONES[student % ZONES.length]!;
  const contacts: Contact[] = [];
  const interviews: Interview[] = [];
  const touchpoints: Touchpoint[] = [];
  const base = Date.UTC(2026, 0, 5, 14);
  for (let n = 0; n < size; n++) {
    const id = `s${student}c${n}`;
    contacts.push({
      id,
      name: `Contact ${n}`,
      source: n % 5 === 0 ? 'referral' : 'alumni_directory',
      known: n % 3 === 0,
      organization: `Org ${n % 17}`,
      referrerContactId: n % 5 === 0 && n > 0 ? `s${student}c${n - 1}` : null,
    });
    const ctx = {
      policy: GUIDE_POLICY,
      timeZone,
      contact: contacts[n]!,
      actor: { kind: 'student' as const },
    };
    const { snapshot } = replay(
      newInterview({ id: `s${student}i${n}`, contactId: id }),
      script(Math.floor(random() * 8), base + Math.floor(random() * 200) * DAY),
      ctx,
    );
    interviews.push(snapshot);
    if (random() < 0.3)
      touchpoints.push({ id: `t${n}`, contactId: id, at: base + 300 * DAY, kind: 'keep_in_touch' });
  }
  const milestones: Milestone[] =
    student % 4 === 0 ? [{ id: 'm1', kind: 'position_secured', at: base + 250 * DAY }] : [];
  return { student: { id: `s${student}`, timeZone }, contacts, interviews, touchpoints, milestones };
}

/** Interview evaluations per second over a 600,000-interview tenant, and one network's re-evaluation. */
export function benchRules(options: { interviews?: number; runs?: number } = {}): Record<string, number> {
  const total = options.interviews ?? 600_000;
  const runs = options.runs ?? 7;
  const perStudent = 100;
  const random = rng(42);
  const built = performance.now();
  const tenant: StudentNetwork[] = [];
  for (let s = 0; s < total / perStudent; s++) tenant.push(buildNetwork(s, perStudent, random));
  console.log(
    `core: built a ${fmt(total)}-interview tenant in ${fmt((performance.now() - built) / 1000, 1)} s`,
  );

  const rates: number[] = [];
  let tasks = 0;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    tasks = 0;
    for (const network of tenant) tasks += evaluateNetwork(network, GUIDE_POLICY).tasks.length;
    rates.push(total / ((performance.now() - start) / 1000));
  }
  const perSecond = median(rates);
  console.log(
    `core: ${fmt(perSecond)} interview evaluations/s on one core (median of ${runs}; goal ≥ 250,000; ${fmt(tasks)} tasks per pass)`,
  );

  // One student's network of 100 interviews: apply one event, then evaluate the whole network again.
  const network = buildNetwork(9_999, perStudent, rng(7));
  const target = network.interviews.findIndex((i) => i.state === 'prospect');
  const interview = network.interviews[target]!;
  const ctx = {
    policy: GUIDE_POLICY,
    timeZone: network.student.timeZone,
    contact: network.contacts[target]!,
    actor: { kind: 'student' as const },
  };
  const at = Date.UTC(2026, 8, 1, 14);
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const iterations = 2_000;
    const start = performance.now();
    for (let k = 0; k < iterations; k++) {
      const result = transition(interview, { type: 'send_outreach', at, channel: 'email' }, ctx);
      if (!result.ok) throw new Error(result.refusal.message);
      const interviews = network.interviews.slice();
      interviews[target] = result.snapshot;
      evaluateNetwork({ ...network, interviews }, GUIDE_POLICY);
    }
    samples.push((performance.now() - start) / iterations);
  }
  const reevaluateMs = median(samples);
  console.log(
    `core: ${fmt(reevaluateMs, 3)} ms to re-evaluate a 100-interview network after one event (median of ${runs}; goal ≤ 0.5 ms)`,
  );
  return { interviewEvaluationsPerSecond: Math.round(perSecond), reevaluate100Ms: reevaluateMs };
}
