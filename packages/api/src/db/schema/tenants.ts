import { boolean, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  sandbox: boolean('sandbox').notNull().default(false),
  /** How long a browser session lives unless its request asks for less or more (1–60 minutes). */
  sessionTtlMinutes: integer('session_ttl_minutes').notNull().default(15),
  /** The page origins (`https://portal.example.edu`) allowed to call the API with a browser session. */
  sessionAllowedOrigins: jsonb('session_allowed_origins').$type<string[]>().notNull().default([]),
  version: integer('version').notNull().default(1),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

export type TenantRow = typeof tenants.$inferSelect;
