import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';
import { tenants } from './tenants.js';

/** queued → running → completed; `superseded` when a newer job of the tenant replaces it. */
export const REEVALUATION_JOB_STATES = ['queued', 'running', 'completed', 'superseded'] as const;
export type ReevaluationJobState = (typeof REEVALUATION_JOB_STATES)[number];

/** What made every student of the tenant need a fresh evaluation. */
export type ReevaluationReason = 'policy_replaced';

/**
 * A tenant-wide re-evaluation, done in batches outside the request: the durable record of its
 * progress. A runner (the API's, the worker's) takes the row `FOR UPDATE SKIP LOCKED` in each
 * batch's transaction, so two runners never share a job and a crash mid-batch loses only that
 * batch's uncommitted work; `after_student_id` is where the next batch starts (students in id order).
 */
export const reevaluationJobs = pgTable(
  'reevaluation_jobs',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    reason: text('reason').$type<ReevaluationReason>().notNull(),
    state: text('state').$type<ReevaluationJobState>().notNull().default('queued'),
    /** The tenant's students when the job was created; students added later are evaluated as they are written. */
    total: integer('total').notNull(),
    done: integer('done').notNull().default(0),
    afterStudentId: uuid('after_student_id'),
    batches: integer('batches').notNull().default(0),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('reevaluation_jobs_tenant_idx').on(t.tenantId, t.createdAt),
    index('reevaluation_jobs_claim_idx').on(t.state, t.createdAt),
  ],
);

export type ReevaluationJobRow = typeof reevaluationJobs.$inferSelect;
