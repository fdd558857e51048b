import type { Channel, MilestoneKind, TouchpointKind } from '@infoview/core';
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tenantOwned, timestamptz } from './columns.js';
import { contacts } from './contacts.js';
import { interviews } from './interviews.js';
import { students } from './students.js';
import { tenants } from './tenants.js';

const tenantId = () =>
  uuid('tenant_id')
    .notNull()
    .references(() => tenants.id);
const studentId = () =>
  uuid('student_id')
    .notNull()
    .references(() => students.id, { onDelete: 'cascade' });

/** A student outcome (position secured, …) the people they spoke with will want to hear about. */
export const milestones = pgTable(
  'milestones',
  {
    ...tenantOwned,
    tenantId: tenantId(),
    studentId: studentId(),
    kind: text('kind').$type<MilestoneKind>().notNull(),
    at: timestamptz('at').notNull(),
    description: text('description'),
  },
  (t) => [index('milestones_tenant_student_idx').on(t.tenantId, t.studentId, t.id)],
);

/** Any later contact with someone already interviewed (keep in touch, report back, news). */
export const touchpoints = pgTable(
  'touchpoints',
  {
    ...tenantOwned,
    tenantId: tenantId(),
    studentId: studentId(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<TouchpointKind>().notNull(),
    channel: text('channel').$type<Channel>(),
    at: timestamptz('at').notNull(),
    aboutContactId: uuid('about_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    milestoneId: uuid('milestone_id').references(() => milestones.id, { onDelete: 'set null' }),
    summary: text('summary'),
  },
  (t) => [
    index('touchpoints_tenant_student_idx').on(t.tenantId, t.studentId, t.id),
    index('touchpoints_tenant_contact_idx').on(t.tenantId, t.contactId, t.id),
    // data-out: the foreign keys' look-ups on a delete of a contact or a milestone.
    index('touchpoints_contact_fk_idx').on(t.contactId),
    index('touchpoints_about_contact_fk_idx')
      .on(t.aboutContactId)
      .where(sql`${t.aboutContactId} is not null`),
    index('touchpoints_milestone_fk_idx').on(t.milestoneId).where(sql`${t.milestoneId} is not null`),
  ],
);

/** A new contact named during an interview ("Is there anyone else…"). */
export const referrals = pgTable(
  'referrals',
  {
    ...tenantOwned,
    tenantId: tenantId(),
    studentId: studentId(),
    interviewId: uuid('interview_id')
      .notNull()
      .references(() => interviews.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    at: timestamptz('at').notNull(),
  },
  (t) => [
    index('referrals_tenant_student_idx').on(t.tenantId, t.studentId, t.id),
    index('referrals_tenant_interview_idx').on(t.tenantId, t.interviewId, t.id),
    // data-out: the foreign keys' look-ups on a delete of an interview or a contact.
    index('referrals_interview_fk_idx').on(t.interviewId),
    index('referrals_contact_fk_idx').on(t.contactId).where(sql`${t.contactId} is not null`),
  ],
);

/** Notes written after a meeting. Personal data: never logged. */
export const notes = pgTable(
  'notes',
  {
    ...tenantOwned,
    tenantId: tenantId(),
    studentId: studentId(),
    interviewId: uuid('interview_id')
      .notNull()
      .references(() => interviews.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    learnedPoints: jsonb('learned_points').$type<string[]>().notNull().default([]),
    at: timestamptz('at').notNull(),
  },
  (t) => [
    index('notes_tenant_interview_idx').on(t.tenantId, t.interviewId, t.id),
    // data-out: the interview's foreign key (cascade) on a delete.
    index('notes_interview_fk_idx').on(t.interviewId),
  ],
);

export type MilestoneRow = typeof milestones.$inferSelect;
export type TouchpointRow = typeof touchpoints.$inferSelect;
export type ReferralRow = typeof referrals.$inferSelect;
export type NoteRow = typeof notes.$inferSelect;
