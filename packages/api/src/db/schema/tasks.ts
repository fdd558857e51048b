import type { Explanation } from '@infoview/core';
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantOwned, timestamptz } from './columns.js';
import { students } from './students.js';
import { tenants } from './tenants.js';

/**
 * open → completed | snoozed | dismissed by the student; `obsolete` when the rule engine no
 * longer derives the task (a reply removes the pending follow-up).
 */
export const TASK_STATUSES = ['open', 'completed', 'snoozed', 'dismissed', 'obsolete'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Tasks derived by the rule engine, one row per stable key, with the student's own status. */
export const tasks = pgTable(
  'tasks',
  {
    ...tenantOwned,
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    ruleId: text('rule_id').notNull(),
    title: text('title').notNull(),
    interviewId: uuid('interview_id'),
    contactId: uuid('contact_id'),
    dueAt: timestamptz('due_at').notNull(),
    remindAt: timestamptz('remind_at').notNull(),
    status: text('status').$type<TaskStatus>().notNull().default('open'),
    snoozedUntil: timestamptz('snoozed_until'),
    /** When the student completed or dismissed it. */
    resolvedAt: timestamptz('resolved_at'),
    /** The rule, anchor, policy values in force and the guide's passage: why the task exists. */
    explanation: jsonb('explanation').$type<Explanation>().notNull(),
  },
  (t) => [
    uniqueIndex('tasks_tenant_student_key_uq').on(t.tenantId, t.studentId, t.key),
    index('tasks_tenant_due_idx').on(t.tenantId, t.dueAt, t.id),
    index('tasks_tenant_student_status_idx').on(t.tenantId, t.studentId, t.status, t.dueAt),
  ],
);

export type TaskRow = typeof tasks.$inferSelect;
