import {
  allowedEvents,
  type Channel,
  type InterviewEventType,
  type InterviewState,
  type PrepItem,
  type Topic,
} from '@infoview/core';
import type { InterviewEventRow, InterviewFacts, InterviewRow } from '../../db/schema/interviews.js';
import { isoOfMs } from '../../lib/iso-time.js';

const iso = (at: number | null | undefined): string | null =>
  at === null || at === undefined ? null : isoOfMs(at);

export interface InterviewView {
  id: string;
  studentId: string;
  contactId: string;
  state: InterviewState;
  topics: Topic[];
  attempts: { at: string; channel: Channel; kind: 'outreach' | 'follow_up' }[];
  reply: { at: string; response: 'accepted' | 'declined' } | null;
  meeting: { at: string; durationMinutes: number; location: string | null } | null;
  prep: Partial<Record<PrepItem, boolean>>;
  completedAt: string | null;
  actualMinutes: number | null;
  invitedToStay: boolean;
  notesAt: string | null;
  learnedPoints: string[];
  thankYouAt: string | null;
  referralCount: number;
  noReferralAvailable: boolean;
  opportunities: { at: string; title: string }[];
  closedAt: string | null;
  /** The lifecycle events the current state accepts (what a portal may offer). */
  allowedEvents: InterviewEventType[];
  eventCount: number;
  lastEventAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What {@link presentInterview} reads of an interview row, its instants already ISO strings. */
export interface InterviewRecord {
  id: string;
  studentId: string;
  contactId: string;
  state: InterviewState;
  topics: Topic[];
  facts: InterviewFacts;
  eventCount: number;
  lastEventAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const presentInterviewRecord = (r: InterviewRecord): InterviewView => {
  const f = r.facts;
  return {
    id: r.id,
    studentId: r.studentId,
    contactId: r.contactId,
    state: r.state,
    topics: r.topics,
    attempts: f.attempts.map((a) => ({ at: iso(a.at)!, channel: a.channel, kind: a.kind })),
    reply: f.reply ? { at: iso(f.reply.at)!, response: f.reply.response } : null,
    meeting: f.meeting
      ? {
          at: iso(f.meeting.at)!,
          durationMinutes: f.meeting.durationMinutes,
          location: f.meeting.location ?? null,
        }
      : null,
    prep: f.prep,
    completedAt: iso(f.completedAt),
    actualMinutes: f.actualMinutes,
    invitedToStay: f.invitedToStay,
    notesAt: iso(f.notesAt),
    learnedPoints: f.learnedPoints,
    thankYouAt: iso(f.thankYouAt),
    referralCount: f.referralCount,
    noReferralAvailable: f.noReferralAvailable,
    opportunities: f.opportunities.map((o) => ({ at: iso(o.at)!, title: o.title })),
    closedAt: iso(f.closedAt),
    allowedEvents: allowedEvents(r.state),
    eventCount: r.eventCount,
    lastEventAt: r.lastEventAt,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
};

export const presentInterview = (row: InterviewRow): InterviewView =>
  presentInterviewRecord({
    id: row.id,
    studentId: row.studentId,
    contactId: row.contactId,
    state: row.state,
    topics: row.topics,
    facts: row.facts,
    eventCount: row.eventCount,
    lastEventAt: row.lastEventAt ? isoOfMs(row.lastEventAt.getTime()) : null,
    version: row.version,
    createdAt: isoOfMs(row.createdAt.getTime()),
    updatedAt: isoOfMs(row.updatedAt.getTime()),
  });

export interface TimelineEventView {
  seq: number;
  at: string;
  type: string;
  from: InterviewState;
  to: InterviewState;
  actor: { kind: string; id?: string | null };
  data: Record<string, unknown> | null;
}

export const presentEvent = (row: InterviewEventRow): TimelineEventView => ({
  seq: row.seq,
  at: isoOfMs(row.at.getTime()),
  type: row.type,
  from: row.fromState,
  to: row.toState,
  actor: row.actor,
  data: row.data ?? null,
});
