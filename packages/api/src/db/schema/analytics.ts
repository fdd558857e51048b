import { date, index, integer, jsonb, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';
import { students } from './students.js';
import { tenants } from './tenants.js';

/**
 * The analytics rollup of one student: per week (Monday, UTC) and metric, the count this student's
 * network contributes (services/analytics/contribution.ts). Written before commit by the same
 * re-evaluation that derives the tasks, so it is never stale; deleted with the student.
 */
export const analyticsStudentWeeks = pgTable(
  'analytics_student_weeks',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    week: date('week', { mode: 'string' }).notNull(),
    metric: text('metric').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.studentId, t.week, t.metric] }),
    // The exact distinct-student count of a rare tenant-wide figure (services/analytics/figures.ts).
    index('analytics_student_weeks_metric_idx').on(t.tenantId, t.metric, t.week),
  ],
);

/**
 * The tenant's rollup: the sums of `analytics_student_weeks`, kept by a trigger on it (migration
 * 0009), and how many students have a non-zero value. Split into four shards by student so concurrent
 * writers of one tenant seldom wait for the same row; a student is always in the same shard, so
 * the shards' student counts add up exactly.
 */
export const analyticsTenantWeeks = pgTable(
  'analytics_tenant_weeks',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    week: date('week', { mode: 'string' }).notNull(),
    metric: text('metric').notNull(),
    shard: smallint('shard').notNull(),
    value: integer('value').notNull(),
    students: integer('students').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.week, t.metric, t.shard] })],
);

/** What the student's rows hold, as one document: the previous contribution a write is diffed against. */
export const analyticsStudents = pgTable('analytics_students', {
  studentId: uuid('student_id')
    .primaryKey()
    .references(() => students.id, { onDelete: 'cascade' }),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  figures: jsonb('figures').$type<Record<string, number>>().notNull(),
});

/** The tenant's analytics settings: `minStudents` is k, below which a figure is suppressed. */
export const analyticsSettings = pgTable('analytics_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  minStudents: integer('min_students').notNull().default(5),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});
