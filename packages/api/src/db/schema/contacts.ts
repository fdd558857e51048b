import type { ContactSource } from '@infoview/core';
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tenantOwned } from './columns.js';
import { students } from './students.js';
import { tenants } from './tenants.js';

export const contacts = pgTable(
  'contacts',
  {
    ...tenantOwned,
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    name: text('name').notNull(),
    organization: text('organization'),
    title: text('title'),
    email: text('email'),
    phone: text('phone'),
    profileUrl: text('profile_url'),
    source: text('source').$type<ContactSource>().notNull(),
    known: boolean('known').notNull().default(false),
    referrerContactId: uuid('referrer_contact_id').references((): AnyPgColumn => contacts.id, {
      onDelete: 'set null',
    }),
    foundVia: text('found_via'),
    /** Normalised email and profile URL: how duplicates (and, later, the professional cap) are matched. */
    emailKey: text('email_key'),
    profileUrlKey: text('profile_url_key'),
  },
  (t) => [
    index('contacts_tenant_student_idx').on(t.tenantId, t.studentId, t.id),
    index('contacts_email_key_idx').on(t.tenantId, t.emailKey),
    index('contacts_profile_url_key_idx').on(t.tenantId, t.profileUrlKey),
    // data-out: the foreign keys' own look-ups (a deleted contact's referrals), so erasing a
    // student with 1,000 contacts is an index probe per row, not a scan of the table per row.
    index('contacts_referrer_fk_idx').on(t.referrerContactId).where(sql`${t.referrerContactId} is not null`),
  ],
);

export type ContactRow = typeof contacts.$inferSelect;
