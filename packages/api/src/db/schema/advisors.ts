import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tenantOwned, timestamptz } from './columns.js';
import { students } from './students.js';
import { tenants } from './tenants.js';

export const advisors = pgTable(
  'advisors',
  {
    ...tenantOwned,
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    email: text('email'),
  },
  (t) => [index('advisors_tenant_idx').on(t.tenantId, t.id)],
);

/** Which students an advisor looks after; an advisor key sees exactly these students. */
export const advisorStudents = pgTable(
  'advisor_students',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    advisorId: uuid('advisor_id')
      .notNull()
      .references(() => advisors.id, { onDelete: 'cascade' }),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.advisorId, t.studentId] }),
    index('advisor_students_student_idx').on(t.studentId),
  ],
);

export type AdvisorRow = typeof advisors.$inferSelect;
