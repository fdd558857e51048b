import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantOwned, timestamptz } from './columns.js';
import { students } from './students.js';
import { tenants } from './tenants.js';

/**
 * Why a reminder exists: a derived task falling due, a timed lifecycle transition, or a notice
 * of something that happened (an import completed), delivered at once.
 */
export type ReminderKind = 'task' | 'timed_transition' | 'notice';

/**
 * pending → delivering → delivered; cancelled when the task or transition no longer applies;
 * failed when every attempt of every channel gave up.
 */
export type ReminderStatus = 'pending' | 'delivering' | 'delivered' | 'cancelled' | 'failed';

/** What a channel needs to tell the student, frozen when the reminder row is written. */
export interface ReminderPayload {
  title: string;
  ruleId: string;
  contactId: string | null;
  explanation: Record<string, unknown>;
}

/**
 * The reminders outbox. A row is written in the same transaction as the change that made it
 * due, so PostgreSQL is the source of truth: a queue (BullMQ or the in-process driver) is only
 * a way to wake up on time, and can always be rebuilt from the pending rows.
 */
export const reminders = pgTable(
  'reminders',
  {
    ...tenantOwned,
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    interviewId: uuid('interview_id'),
    kind: text('kind').$type<ReminderKind>().notNull(),
    /** The stable key of the task or timed transition (from the rule engine). */
    sourceKey: text('source_key').notNull(),
    /** `${sourceKey}@${dueAt ISO}`: one reminder per occurrence, so re-evaluation never duplicates. */
    occurrence: text('occurrence').notNull(),
    dueAt: timestamptz('due_at').notNull(),
    /** When to deliver: the due time moved out of the tenant's quiet hours. */
    remindAt: timestamptz('remind_at').notNull(),
    status: text('status').$type<ReminderStatus>().notNull().default('pending'),
    payload: jsonb('payload').$type<ReminderPayload>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** A dispatcher holding the row until this instant; another may take it after (crash recovery). */
    lockedUntil: timestamptz('locked_until'),
    lastError: text('last_error'),
    deliveredAt: timestamptz('delivered_at'),
    cancelledAt: timestamptz('cancelled_at'),
  },
  (t) => [
    uniqueIndex('reminders_tenant_occurrence_uq').on(t.tenantId, t.occurrence),
    index('reminders_due_idx').on(t.status, t.remindAt),
    index('reminders_student_idx').on(t.tenantId, t.studentId, t.status),
    // The post-commit hook enqueues what a request just wrote: pending rows by update time.
    index('reminders_tenant_updated_idx').on(t.tenantId, t.updatedAt),
  ],
);

export type ReminderRow = typeof reminders.$inferSelect;
