import { sql } from 'drizzle-orm';
import { jsonb, pgTable, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantOwned } from './columns.js';
import type { ReminderChannel } from './reminder-deliveries.js';
import { students } from './students.js';
import { tenants } from './tenants.js';

/** The channels a student's task reminders go to; `studentId` null is the tenant's default. */
export const reminderChannelPreferences = pgTable(
  'reminder_channel_preferences',
  {
    ...tenantOwned,
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    studentId: uuid('student_id').references(() => students.id, { onDelete: 'cascade' }),
    channels: jsonb('channels').$type<Exclude<ReminderChannel, 'transition'>[]>().notNull(),
  },
  (t) => [
    uniqueIndex('reminder_channels_student_uq')
      .on(t.tenantId, t.studentId)
      .where(sql`${t.studentId} is not null`),
    uniqueIndex('reminder_channels_tenant_uq').on(t.tenantId).where(sql`${t.studentId} is null`),
  ],
);

export type ReminderChannelPreferenceRow = typeof reminderChannelPreferences.$inferSelect;
