import { type SQL, sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { REMINDER_CHANNELS, type ReminderChannel } from '../../lib/reminder-channels.gen.js';
import { timestamptz } from './columns.js';
import { reminders } from './reminders.js';

/** How a reminder reaches the student (the channel registry's names); `transition` is the timed-transition effect. */
export type { ReminderChannel };

/** A channel name as SQL text; names are plain identifiers, checked here since they are spliced in. */
export function channelLiteral(name: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`not a channel name: ${name}`);
  return `'${name}'`;
}

/**
 * The check that holds `reminder_deliveries.channel` to the registry's channels: derived from
 * the generated list, so a channel added to the registry changes it and drizzle-kit writes the
 * migration.
 */
export const deliveryChannelCheck = (names: readonly string[]): SQL =>
  sql.raw(`channel in (${names.map(channelLiteral).join(', ')})`);

/** pending (not yet, or retrying at `nextAttemptAt`) → delivered, or failed when it gave up. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/**
 * One effect of one reminder occurrence on one channel (and, for webhooks, one endpoint).
 * The row is inserted before the first attempt and the unique key makes the effect happen
 * once: attempts underneath are at-least-once, the row (and its id, sent as `webhook-id`)
 * is the idempotency key.
 */
export const reminderDeliveries = pgTable(
  'reminder_deliveries',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    reminderId: uuid('reminder_id')
      .notNull()
      .references(() => reminders.id, { onDelete: 'cascade' }),
    channel: text('channel').$type<ReminderChannel>().notNull(),
    /** The channel's target (a webhook endpoint id); '' for channels with one target. */
    target: text('target').notNull().default(''),
    status: text('status').$type<DeliveryStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at'),
    lastError: text('last_error'),
    /** The receiver's last HTTP status (webhooks). */
    lastStatusCode: integer('last_status_code'),
    lastAttemptAt: timestamptz('last_attempt_at'),
    deliveredAt: timestamptz('delivered_at'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    check('reminder_deliveries_channel_check', deliveryChannelCheck(REMINDER_CHANNELS)),
    uniqueIndex('reminder_deliveries_once_uq').on(t.reminderId, t.channel, t.target),
    index('reminder_deliveries_target_idx').on(t.tenantId, t.target, t.id),
  ],
);

export type ReminderDeliveryRow = typeof reminderDeliveries.$inferSelect;
