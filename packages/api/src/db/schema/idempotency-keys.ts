import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';
import { tenants } from './tenants.js';

/**
 * One row per `Idempotency-Key` a client used (IETF httpapi-idempotency-key-header).
 * The row is inserted before the request runs; the unique index is the lock.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    key: text('key').notNull(),
    apiKeyId: uuid('api_key_id').notNull(),
    /** sha256 of method, path, caller and body. */
    fingerprint: text('fingerprint').notNull(),
    /** null while the first request is still running. */
    responseStatus: integer('response_status'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    responseBody: text('response_body'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [
    uniqueIndex('idempotency_keys_tenant_key_key').on(t.tenantId, t.key),
    index('idempotency_keys_expires_at_idx').on(t.expiresAt),
  ],
);

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
