import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tenantOwned, timestamptz } from './columns.js';
import { sealedText } from './sealed-text.js';
import { tenants } from './tenants.js';

/**
 * Where a tenant receives reminder webhooks (Standard Webhooks v1). Signing needs the secrets
 * themselves, so they are encrypted (not hashed) at rest; never logged, shown only on create and
 * rotate.
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
    /** `whsec_<base64>`, sealed with the operator's keyring (AES-256-GCM, key id stored with it). */
    secret: sealedText('secret').notNull(),
    /** After a rotation the old secret signs too, until `previousSecretExpiresAt`; sealed too. */
    previousSecret: sealedText('previous_secret'),
    previousSecretExpiresAt: timestamptz('previous_secret_expires_at'),
    /** Set when the receiver answered 410 Gone (or an admin disabled it). */
    disabledAt: timestamptz('disabled_at'),
    disabledReason: text('disabled_reason'),
  },
  (t) => [index('webhook_endpoints_tenant_idx').on(t.tenantId, t.id)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
