import { meetingEndedAt } from '../deadlines/meeting.js';
import type { Contact, Milestone, Touchpoint } from '../domain/types.js';
import type { Interview } from '../interview/interview.js';
import { hasMet } from '../interview/states.js';
import type { StudentNetwork } from './types.js';

/** Indexes over one student's network, built once per evaluation and shared by every rule. */
export class NetworkIndex {
  readonly contacts = new Map<string, Contact>();
  /** Interviews that met, per contact, in input order. */
  readonly met = new Map<string, Interview[]>();
  readonly touchpoints = new Map<string, Touchpoint[]>();
  readonly milestones: readonly Milestone[];
  /** Per organisation, the interviews with at least one attempt; built when a rule first asks. */
  private reached: Map<string, string[]> | null = null;

  constructor(private readonly network: StudentNetwork) {
    for (const c of network.contacts) this.contacts.set(c.id, c);
    for (const t of network.touchpoints) push(this.touchpoints, t.contactId, t);
    for (const i of network.interviews) if (hasMet(i.state)) push(this.met, i.contactId, i);
    this.milestones = network.milestones;
  }

  /** Whether another interview at the organisation has had outreach. */
  reachedElsewhereAt(org: string, interviewId: string): boolean {
    if (this.reached === null) {
      this.reached = new Map();
      for (const i of this.network.interviews) {
        if (i.attempts.length === 0) continue;
        const key = orgKey(this.contacts.get(i.contactId));
        if (key) push(this.reached, key, i.id);
      }
    }
    const ids = this.reached.get(org);
    return ids?.some((id) => id !== interviewId) ?? false;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** An organisation compared case- and space-insensitively; null when the contact names none. */
export function orgKey(contact: Contact | undefined): string | null {
  const org = contact?.organization?.trim().toLowerCase();
  return org ? org : null;
}

/** How a task title names a contact. */
export function contactName(contact: Contact | undefined): string {
  return contact?.name ?? 'your contact';
}

/** The latest met interview with a contact: the one contact-level tasks hang on. */
export function latestMet(met: readonly Interview[]): Interview {
  let best = met[0]!;
  for (const i of met) if (meetingEndedAt(i) > meetingEndedAt(best)) best = i;
  return best;
}
