import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    /** sha256 of method, path, caller and the body as canonical JSON (key order does not count). */
    fingerprint: text('fingerprint').notNull(),
    /** null while the first request is still running. */
    responseStatus: integer('response_status'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    /** The response body, without its `secret` when it carried one (never stored). */
    responseBody: text('response_body'),
    /** True when the response carried a secret: a replay says it was shown, and shows no secret. */
    secretWithheld: boolean('secret_withheld').notNull().default(false),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [
    uniqueIndex('idempotency_keys_tenant_key_key').on(t.tenantId, t.key),
    index('idempotency_keys_expires_at_idx').on(t.expiresAt),
  ],
);

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
