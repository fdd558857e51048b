import type { Actor, Interview, InterviewState, Topic } from '@infoview/core';
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantOwned, timestamptz } from './columns.js';
import { contacts } from './contacts.js';
import { students } from './students.js';
import { tenants } from './tenants.js';

/** Core's `Interview` minus what has its own column (id, contact, state, topics) and the timeline. */
export type InterviewFacts = Omit<Interview, 'id' | 'contactId' | 'state' | 'topics' | 'timeline'>;

/** One entry of a per-interview question list: a bank question by id, or the student's own words. */
export type QuestionListItem = { questionId: string } | { text: string };

export const interviews = pgTable(
  'interviews',
  {
    ...tenantOwned,
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    state: text('state').$type<InterviewState>().notNull(),
    topics: jsonb('topics').$type<Topic[]>().notNull().default([]),
    facts: jsonb('facts').$type<InterviewFacts>().notNull(),
    /** The meeting's start, copied out of `facts` so upcoming meetings are an index range. */
    meetingAt: timestamptz('meeting_at'),
    // The timeline's length and last instant: a lifecycle action needs only these of the
    // timeline (the next seq, the out-of-order check), so a write never reads the whole timeline.
    eventCount: integer('event_count').notNull().default(0),
    lastEventAt: timestamptz('last_event_at'),
    questionList: jsonb('question_list').$type<QuestionListItem[]>().notNull().default([]),
  },
  (t) => [
    index('interviews_tenant_student_idx').on(t.tenantId, t.studentId, t.id),
    index('interviews_tenant_contact_idx').on(t.tenantId, t.contactId),
    index('interviews_tenant_state_idx').on(t.tenantId, t.state, t.id),
    index('interviews_tenant_meeting_idx').on(t.tenantId, t.meetingAt),
    // data-out: what the contact's foreign key looks up on a delete (the index above leads with the tenant).
    index('interviews_contact_fk_idx').on(t.contactId),
    // One interview per contact that is not closed (a closed one may be followed by a new one).
    uniqueIndex('interviews_one_active_per_contact_uq')
      .on(t.tenantId, t.contactId)
      .where(sql`state not in ('declined', 'unresponsive', 'cancelled', 'withdrawn')`),
  ],
);

export type InterviewRow = typeof interviews.$inferSelect;

/** The timeline: every accepted lifecycle event, kept forever. */
export const interviewEvents = pgTable(
  'interview_events',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    interviewId: uuid('interview_id')
      .notNull()
      .references(() => interviews.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    at: timestamptz('at').notNull(),
    type: text('type').notNull(),
    fromState: text('from_state').$type<InterviewState>().notNull(),
    toState: text('to_state').$type<InterviewState>().notNull(),
    actor: jsonb('actor').$type<Actor>().notNull(),
    data: jsonb('data').$type<Record<string, unknown>>(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('interview_events_interview_seq_uq').on(t.interviewId, t.seq)],
);

export type InterviewEventRow = typeof interviewEvents.$inferSelect;
