import type { Policy } from '../src/domain/policy.js';
import type { Contact } from '../src/domain/types.js';
import type { TransitionContext } from '../src/interview/context.js';
import type { InterviewEvent } from '../src/interview/events.js';
import { type Interview, newInterview } from '../src/interview/interview.js';
import { transition } from '../src/lifecycle/transition.js';
import { GUIDE_POLICY } from '../src/policy/presets.js';
import type { StudentNetwork } from '../src/rules/types.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const NY = 'America/New_York';

/** A local wall time in New York as an instant (test data only; EST = UTC−5, EDT = UTC−4). */
export function ny(iso: string): number {
  // Tests pass explicit offsets, e.g. '2026-03-02T09:00:00-05:00'.
  return Date.parse(iso);
}

export function policy(overrides: Partial<Policy> = {}): Policy {
  return { ...GUIDE_POLICY, ...overrides };
}

export function ctx(overrides: Partial<TransitionContext> = {}): TransitionContext {
  return {
    policy: GUIDE_POLICY,
    timeZone: NY,
    contact: { known: false },
    actor: { kind: 'student', id: 's1' },
    ...overrides,
  };
}

export function contact(id: string, overrides: Partial<Contact> = {}): Contact {
  return {
    id,
    name: `Contact ${id}`,
    source: 'alumni_directory',
    known: false,
    organization: null,
    ...overrides,
  };
}

/** Applies events in order and fails loudly on a refusal. */
export function play(events: InterviewEvent[], context = ctx(), start?: Interview): Interview {
  let snapshot = start ?? newInterview({ id: 'i1', contactId: 'c1' });
  for (const event of events) {
    const result = transition(snapshot, event, context);
    if (!result.ok)
      throw new Error(`refused ${event.type}: ${result.refusal.code} ${result.refusal.message}`);
    snapshot = result.snapshot;
  }
  return snapshot;
}

export function network(parts: Partial<StudentNetwork> & Pick<StudentNetwork, 'interviews'>): StudentNetwork {
  return {
    student: { id: 's1', timeZone: NY },
    contacts: parts.contacts ?? [contact('c1')],
    touchpoints: [],
    milestones: [],
    ...parts,
  };
}
