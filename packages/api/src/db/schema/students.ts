import type { StudentProfile } from '@infoview/core';
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantOwned } from './columns.js';
import { tenants } from './tenants.js';

export const students = pgTable(
  'students',
  {
    ...tenantOwned,
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The portal's own id for the student; what `Infoview-Acting-As` names. */
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    timeZone: text('time_zone').notNull(),
    profile: jsonb('profile').$type<StudentProfile>().notNull().default({}),
    /** The student's own policy values, for the keys the tenant lets students override; `{}` = none. */
    policyOverride: jsonb('policy_override').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    uniqueIndex('students_tenant_external_id_key').on(t.tenantId, t.externalId),
    index('students_tenant_idx').on(t.tenantId, t.id),
  ],
);

export type StudentRow = typeof students.$inferSelect;
