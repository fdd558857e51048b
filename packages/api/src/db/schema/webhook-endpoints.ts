import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tenantOwned, timestamptz } from './columns.js';
import { tenants } from './tenants.js';

/**
 * Where a tenant receives reminder webhooks (Standard Webhooks v1). The secret is kept in the
 * clear because signing needs it; it is never logged and only shown on create and rotate.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    ...tenantOwned,
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    url: text('url').notNull(),
    description: text('description'),
    /** `whsec_<base64>`. */
    secret: text('secret').notNull(),
    /** After a rotation the old secret signs too, until `previousSecretExpiresAt`. */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamptz('previous_secret_expires_at'),
    /** Set when the receiver answered 410 Gone (or an admin disabled it). */
    disabledAt: timestamptz('disabled_at'),
    disabledReason: text('disabled_reason'),
  },
  (t) => [index('webhook_endpoints_tenant_idx').on(t.tenantId, t.id)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
