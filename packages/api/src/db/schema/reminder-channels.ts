import { type SQL, sql } from 'drizzle-orm';
import { check, jsonb, pgTable, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CHOOSABLE_CHANNELS, type ChoosableChannel } from '../../lib/reminder-channels.gen.js';
import { tenantOwned } from './columns.js';
import { channelLiteral } from './reminder-deliveries.js';
import { students } from './students.js';
import { tenants } from './tenants.js';

/** The check that a stored choice is an array of the registry's choosable channels (derived like the deliveries' check). */
export function choosableChannelsCheck(names: readonly string[]): SQL {
  for (const name of names) channelLiteral(name);
  return sql.raw(`jsonb_typeof(channels) = 'array' and channels <@ '${JSON.stringify(names)}'::jsonb`);
}

/** The channels a student's task reminders go to; `studentId` null is the tenant's default. */
export const reminderChannelPreferences = pgTable(
  'reminder_channel_preferences',
  {
    ...tenantOwned,
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    studentId: uuid('student_id').references(() => students.id, { onDelete: 'cascade' }),
    channels: jsonb('channels').$type<ChoosableChannel[]>().notNull(),
  },
  (t) => [
    check('reminder_channel_preferences_channels_check', choosableChannelsCheck(CHOOSABLE_CHANNELS)),
    uniqueIndex('reminder_channels_student_uq')
      .on(t.tenantId, t.studentId)
      .where(sql`${t.studentId} is not null`),
    uniqueIndex('reminder_channels_tenant_uq').on(t.tenantId).where(sql`${t.studentId} is null`),
  ],
);

export type ReminderChannelPreferenceRow = typeof reminderChannelPreferences.$inferSelect;
