import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The columns every tenant-owned, mutable row carries. */
export const tenantOwned = {
  id: uuid('id').primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  // Bumped on every write; the ETag is built from it so two tabs cannot overwrite each other.
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
};

export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
