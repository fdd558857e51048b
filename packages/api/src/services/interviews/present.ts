import {
  allowedEvents,
  type Channel,
  type InterviewEventType,
  type InterviewState,
  type PrepItem,
  type Topic,
} from '@infoview/core';
import type { InterviewEventRow, InterviewRow } from '../../db/schema/interviews.js';

const iso = (at: number | null | undefined): string | null =>
  at === null || at === undefined ? null : new Date(at).toISOString();

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

export const presentInterview = (row: InterviewRow): InterviewView => {
  const f = row.facts;
  return {
    id: row.id,
    studentId: row.studentId,
    contactId: row.contactId,
    state: row.state,
    topics: row.topics,
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
    allowedEvents: allowedEvents(row.state),
    eventCount: row.eventCount,
    lastEventAt: row.lastEventAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
};

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
  at: row.at.toISOString(),
  type: row.type,
  from: row.fromState,
  to: row.toState,
  actor: row.actor,
  data: row.data ?? null,
});
