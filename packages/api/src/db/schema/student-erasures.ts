import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { ApiKeyScope } from './api-keys.js';
import { timestamptz } from './columns.js';
import { tenants } from './tenants.js';

/**
 * The audit entry a student's erasure leaves: who asked, when, and how many records of each kind
 * went — never a name, an address or a text of theirs. `subjectId` is the erased student's opaque
 * id (not `student_id`, so the erasure's own sweep of every `student_id` table leaves it alone).
 */
export const studentErasures = pgTable(
  'student_erasures',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    subjectId: uuid('subject_id').notNull(),
    requestedByApiKeyId: uuid('requested_by_api_key_id').notNull(),
    requestedByRole: text('requested_by_role').$type<ApiKeyScope>().notNull(),
    erasedAt: timestamptz('erased_at').notNull(),
    counts: jsonb('counts').$type<Record<string, number>>().notNull(),
  },
  (t) => [index('student_erasures_tenant_idx').on(t.tenantId, t.erasedAt)],
);

export type StudentErasureRow = typeof studentErasures.$inferSelect;
