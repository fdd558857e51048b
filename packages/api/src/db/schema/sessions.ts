import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { advisors } from './advisors.js';
import { tenantOwned, timestamptz } from './columns.js';
import { students } from './students.js';
import { tenants } from './tenants.js';

/** Whom a browser session acts for: one student, or one advisor. */
export const SESSION_KINDS = ['student', 'advisor'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/**
 * A browser session: a short-lived bearer credential a portal's server mints for one student or
 * advisor, so the embedded components call the API without the portal's key. Only its hash is kept.
 */
export const sessions = pgTable(
  'sessions',
  {
    ...tenantOwned,
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind').$type<SessionKind>().notNull(),
    studentId: uuid('student_id').references(() => students.id),
    advisorId: uuid('advisor_id').references(() => advisors.id),
    /** The component names it may drive (`workspace`, `network`, …). */
    components: jsonb('components').$type<string[]>().notNull(),
    /** sha256 of the client secret, hex: like API keys, 240 random bits need no slow hash. */
    hash: text('hash').notNull(),
    /** The key (integration or admin) that minted it: what the session's writes are idempotent under. */
    apiKeyId: uuid('api_key_id').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [uniqueIndex('sessions_hash_key').on(t.hash), index('sessions_tenant_idx').on(t.tenantId, t.id)],
);

export type SessionRow = typeof sessions.$inferSelect;
