import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';
import { tenants } from './tenants.js';

/** Which normalised identity an entry hashes. */
export type DoNotContactKind = 'email' | 'profile_url';
/** Why the entry exists: an admin added it, or the professional was erased. */
export type DoNotContactReason = 'requested' | 'erased';

/**
 * The tenant's do-not-contact list: professionals who asked not to be contacted. Only a keyed
 * hash (HMAC under the operator's keys) of the normalised email or profile URL is stored, so the
 * list holds no personal data in clear and a backup alone cannot test guesses against it.
 */
export const doNotContactEntries = pgTable(
  'do_not_contact_entries',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind').$type<DoNotContactKind>().notNull(),
    /** `hmac:<hex>` of `<kind>:<normalised value>` (crypto/secret-keyring.ts keyedHash). */
    keyHash: text('key_hash').notNull(),
    reason: text('reason').$type<DoNotContactReason>().notNull(),
    /** The API key that added it (an audit fact, not personal data). */
    createdBy: uuid('created_by'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('do_not_contact_tenant_hash_uq').on(t.tenantId, t.keyHash),
    index('do_not_contact_tenant_idx').on(t.tenantId, t.id),
  ],
);

/** What one professional's erasure removed, by table: counts only, never who. */
export type ProfessionalErasureCounts = Record<string, number>;

/** The audit entry a professional's erasure leaves: who asked, when, how many records. No personal data. */
export const professionalErasures = pgTable(
  'professional_erasures',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    requestedBy: uuid('requested_by').notNull(),
    at: timestamptz('at').notNull(),
    counts: jsonb('counts').$type<ProfessionalErasureCounts>().notNull(),
  },
  (t) => [index('professional_erasures_tenant_idx').on(t.tenantId, t.id)],
);

export type DoNotContactRow = typeof doNotContactEntries.$inferSelect;
export type ProfessionalErasureRow = typeof professionalErasures.$inferSelect;
