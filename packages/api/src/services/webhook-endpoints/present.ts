import type { ReminderDeliveryRow } from '../../db/schema/reminder-deliveries.js';
import type { WebhookEndpointRow } from '../../db/schema/webhook-endpoints.js';

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string | null;
  /** Until then the previous secret signs too (a second `v1,` signature). */
  previousSecretExpiresAt: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export const presentWebhookEndpoint = (row: WebhookEndpointRow, now: Date): WebhookEndpointView => ({
  id: row.id,
  url: row.url,
  description: row.description,
  previousSecretExpiresAt:
    row.previousSecretExpiresAt && row.previousSecretExpiresAt > now
      ? row.previousSecretExpiresAt.toISOString()
      : null,
  disabledAt: row.disabledAt?.toISOString() ?? null,
  disabledReason: row.disabledReason,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export interface WebhookDeliveryView {
  /** The `webhook-id` header: the same on every retry, so receivers can deduplicate. */
  id: string;
  reminderId: string;
  status: ReminderDeliveryRow['status'];
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export const presentWebhookDelivery = (row: ReminderDeliveryRow): WebhookDeliveryView => ({
  id: row.id,
  reminderId: row.reminderId,
  status: row.status,
  attempts: row.attempts,
  lastStatusCode: row.lastStatusCode,
  lastError: row.lastError,
  lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
  nextAttemptAt: row.status === 'pending' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
  deliveredAt: row.deliveredAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});
