import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantOwned, timestamptz } from './columns.js';
import { students } from './students.js';
import { tenants } from './tenants.js';

/**
 * A student's calendar subscription: calendar apps fetch `/calendar-feeds/<token>.ics` without
 * credentials, so the token in the URL is the credential. Only its sha256 is kept; a student has
 * at most one live feed (a new one revokes the old).
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    ...tenantOwned,
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id, { onDelete: 'cascade' }),
    /** sha256 of the token, hex: 240 random bits need no slow hash. */
    hash: text('hash').notNull(),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [
    uniqueIndex('calendar_feeds_hash_key').on(t.hash),
    index('calendar_feeds_tenant_student_idx').on(t.tenantId, t.studentId),
  ],
);

export type CalendarFeedRow = typeof calendarFeeds.$inferSelect;
