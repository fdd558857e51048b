import type { Channel, Instant, Topic } from '../domain/types.js';
import type { InterviewState } from './states.js';

/** One outreach message asking for the meeting. The first is `outreach`, later ones `follow_up`. */
export interface Attempt {
  at: Instant;
  channel: Channel;
  kind: 'outreach' | 'follow_up';
}

/** The agreed 20–30 minute conversation. */
export interface Meeting {
  at: Instant;
  durationMinutes: number;
  location?: string | null;
}

/** The guide's "Preparing For Your Meeting" checklist (rule `prep.checklist`). */
export const PREP_ITEMS = [
  'research_person',
  'research_organization',
  'research_industry',
  'question_list',
  'elevator_pitch',
  'resume',
] as const;
export type PrepItem = (typeof PREP_ITEMS)[number];

/** Who caused a timeline entry. `system` is the scheduler applying a timed transition. */
export interface Actor {
  kind: 'student' | 'advisor' | 'integration' | 'admin' | 'system';
  id?: string | null;
}

/** One accepted event, kept forever. */
export interface TimelineEntry {
  seq: number;
  at: Instant;
  type: string;
  from: InterviewState;
  to: InterviewState;
  actor: Actor;
  data?: Record<string, unknown>;
}

/** A job the contact raised themselves (rule `opportunity.welcome`). */
export interface Opportunity {
  at: Instant;
  title: string;
}

/**
 * One student ↔ one contact conversation, from prospect to closed: the lifecycle's snapshot.
 * The rule engine reads the facts; the lifecycle writes them.
 */
export interface Interview {
  id: string;
  contactId: string;
  state: InterviewState;
  topics: Topic[];
  attempts: Attempt[];
  reply: { at: Instant; response: 'accepted' | 'declined' } | null;
  meeting: Meeting | null;
  prep: Partial<Record<PrepItem, boolean>>;
  completedAt: Instant | null;
  /** The meeting's real length when it ran over (only when invited to stay). */
  actualMinutes: number | null;
  invitedToStay: boolean;
  notesAt: Instant | null;
  learnedPoints: string[];
  thankYouAt: Instant | null;
  /** Referrals recorded from this interview. */
  referralCount: number;
  /** The contact had nobody to recommend: `referral.ask` is satisfied. */
  noReferralAvailable: boolean;
  opportunities: Opportunity[];
  closedAt: Instant | null;
  timeline: TimelineEntry[];
}

/**
 * A new interview in `prospect`. Example: `newInterview({ id: 'i1', contactId: 'c1' })`.
 */
export function newInterview(input: { id: string; contactId: string; topics?: Topic[] }): Interview {
  return {
    id: input.id,
    contactId: input.contactId,
    state: 'prospect',
    topics: input.topics ?? [],
    attempts: [],
    reply: null,
    meeting: null,
    prep: {},
    completedAt: null,
    actualMinutes: null,
    invitedToStay: false,
    notesAt: null,
    learnedPoints: [],
    thankYouAt: null,
    referralCount: 0,
    noReferralAvailable: false,
    opportunities: [],
    closedAt: null,
    timeline: [],
  };
}
