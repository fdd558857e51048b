import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { advisors } from './advisors.js';
import { tenantOwned, timestamptz } from './columns.js';
import { students } from './students.js';
import { tenants } from './tenants.js';

export const API_KEY_SCOPES = ['admin', 'advisor', 'student', 'integration'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const apiKeys = pgTable(
  'api_keys',
  {
    ...tenantOwned,
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    /** The first 16 characters of the key (`iv_live_XXXXXXXX`), shown so people can tell keys apart. */
    prefix: text('prefix').notNull(),
    /** sha256 of the whole key, hex. Keys are 240-bit random, so a fast hash is enough. */
    hash: text('hash').notNull(),
    scope: text('scope').$type<ApiKeyScope>().notNull(),
    studentId: uuid('student_id').references(() => students.id),
    advisorId: uuid('advisor_id').references(() => advisors.id),
    lastUsedAt: timestamptz('last_used_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_key').on(t.hash), index('api_keys_tenant_idx').on(t.tenantId, t.id)],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;
