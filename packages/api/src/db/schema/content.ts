import type { MessageKind, QuestionCategory } from '@infoview/core';
import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantOwned, timestamptz } from './columns.js';
import { interviews } from './interviews.js';
import { students } from './students.js';
import { tenants } from './tenants.js';

/** A tenant's own questions, added to the guide's bank. */
export const tenantQuestions = pgTable(
  'tenant_questions',
  {
    ...tenantOwned,
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The stable, dotted id students put in their lists, e.g. `neu.fit.1`. */
    questionId: text('question_id').notNull(),
    category: text('category').$type<QuestionCategory>().notNull(),
    text: text('text').notNull(),
    referral: boolean('referral').notNull().default(false),
  },
  (t) => [uniqueIndex('tenant_questions_tenant_question_uq').on(t.tenantId, t.questionId)],
);

/** A message the student sent (recorded, not sent by Infoview). Personal data: never logged. */
export const messages = pgTable(
  'messages',
  {
    ...tenantOwned,
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    interviewId: uuid('interview_id').references(() => interviews.id, { onDelete: 'set null' }),
    kind: text('kind').$type<MessageKind>().notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    sentAt: timestamptz('sent_at').notNull(),
  },
  (t) => [
    index('messages_tenant_student_idx').on(t.tenantId, t.studentId, t.id),
    // data-out: the interview's foreign key (set null) on a delete.
    index('messages_interview_fk_idx').on(t.interviewId).where(sql`${t.interviewId} is not null`),
  ],
);

export type TenantQuestionRow = typeof tenantQuestions.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
