import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantOwned, timestamptz } from './columns.js';
import { reminders } from './reminders.js';
import { students } from './students.js';
import { tenants } from './tenants.js';

/** The in-app feed a portal shows the student: one item per delivered reminder. */
export const feedItems = pgTable(
  'feed_items',
  {
    ...tenantOwned,
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    reminderId: uuid('reminder_id')
      .notNull()
      .references(() => reminders.id, { onDelete: 'cascade' }),
    interviewId: uuid('interview_id'),
    ruleId: text('rule_id').notNull(),
    title: text('title').notNull(),
    dueAt: timestamptz('due_at').notNull(),
    readAt: timestamptz('read_at'),
  },
  (t) => [
    uniqueIndex('feed_items_reminder_uq').on(t.reminderId),
    index('feed_items_student_idx').on(t.tenantId, t.studentId, t.id),
  ],
);

export type FeedItemRow = typeof feedItems.$inferSelect;
