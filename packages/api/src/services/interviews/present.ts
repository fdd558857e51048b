import {
  CHANNELS,
  INTERVIEW_STATES,
  type InterviewState,
  PREP_ITEMS,
  TOPICS,
  type Topic,
} from '@infoview/core';
import { type Static, Type } from 'typebox';
import type { InterviewEventRow, InterviewFacts, InterviewRow } from '../../db/schema/interviews.js';
import { Id, Nullable, StringEnum, Timestamp } from '../../http/schemas.js';
import { isoOfMs } from '../../lib/iso-time.js';
import { ACTION_EVENTS, allowedActions } from './actions.js';
import { timelineDataOf } from './timeline-data.js';

const iso = (at: number | null | undefined): string | null =>
  at === null || at === undefined ? null : isoOfMs(at);

export const InterviewStateSchema = StringEnum(INTERVIEW_STATES, {
  description: 'The lifecycle state (see docs/lifecycle.md)',
});
export const ChannelSchema = StringEnum(CHANNELS);
export const TopicSchema = StringEnum(TOPICS);

/** An interview as the API answers it; {@link InterviewView} is its type, so the two cannot drift. */
export const Interview = Type.Object(
  {
    id: Id,
    studentId: Id,
    contactId: Id,
    state: InterviewStateSchema,
    topics: Type.Array(TopicSchema),
    attempts: Type.Array(
      Type.Object({
        at: Timestamp,
        channel: ChannelSchema,
        kind: StringEnum(['outreach', 'follow_up'] as const),
      }),
    ),
    reply: Nullable(Type.Object({ at: Timestamp, response: StringEnum(['accepted', 'declined'] as const) })),
    meeting: Nullable(
      Type.Object({ at: Timestamp, durationMinutes: Type.Integer(), location: Nullable(Type.String()) }),
    ),
    prep: Type.Object(Object.fromEntries(PREP_ITEMS.map((item) => [item, Type.Optional(Type.Boolean())]))),
    completedAt: Nullable(Timestamp),
    actualMinutes: Nullable(Type.Integer()),
    invitedToStay: Type.Boolean(),
    notesAt: Nullable(Timestamp),
    learnedPoints: Type.Array(Type.String()),
    thankYouAt: Nullable(Timestamp),
    referralCount: Type.Integer(),
    noReferralAvailable: Type.Boolean(),
    opportunities: Type.Array(Type.Object({ at: Timestamp, title: Type.String() })),
    closedAt: Nullable(Timestamp),
    allowedEvents: Type.Array(StringEnum(ACTION_EVENTS), {
      description:
        'What a client may do now: the lifecycle events the current state accepts, each sent through its action endpoint',
    }),
    eventCount: Type.Integer({ description: 'Entries in the timeline' }),
    lastEventAt: Nullable(Timestamp),
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Interview', description: 'One student ↔ one contact conversation, from prospect to closed' },
);

export type InterviewView = Static<typeof Interview>;

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
    allowedEvents: allowedActions(r.state),
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

/** One timeline entry as the API answers it; {@link TimelineEventView} is its type. */
export const TimelineEvent = Type.Object(
  {
    seq: Type.Integer(),
    at: Timestamp,
    type: Type.String({ description: 'The lifecycle event, e.g. send_outreach' }),
    from: InterviewStateSchema,
    to: InterviewStateSchema,
    actor: Type.Object({ kind: Type.String(), id: Type.Optional(Nullable(Type.String())) }),
    data: Nullable(
      Type.Object(
        {},
        { additionalProperties: true, description: "The event's details; instants are ISO 8601 strings" },
      ),
    ),
  },
  { $id: 'TimelineEvent', description: 'One accepted lifecycle event, kept forever' },
);

export type TimelineEventView = Static<typeof TimelineEvent>;

export const presentEvent = (row: InterviewEventRow): TimelineEventView => ({
  seq: row.seq,
  at: isoOfMs(row.at.getTime()),
  type: row.type,
  from: row.fromState,
  to: row.toState,
  actor: row.actor,
  data: timelineDataOf(row.data),
});
