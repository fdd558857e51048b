import { integer, pgTable, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';
import { tenants } from './tenants.js';

/**
 * A sandbox tenant's simulated time: while a row exists, the tenant's services and its
 * reminders read `frozenTime` instead of the real clock. Real tenants never have one.
 */
export const testClocks = pgTable('test_clocks', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id, { onDelete: 'cascade' }),
  frozenTime: timestamptz('frozen_time').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

export type TestClockRow = typeof testClocks.$inferSelect;
