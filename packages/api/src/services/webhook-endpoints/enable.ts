import { and, eq, sql } from 'drizzle-orm';
import { webhookEndpoints } from '../../db/schema/webhook-endpoints.js';
import type { ServiceContext } from '../context.js';
import { findWebhookEndpoint, requireWebhookAdmin } from './find.js';
import { presentWebhookEndpoint, type WebhookEndpointView } from './present.js';

/** Turns an endpoint disabled by a 410 back on (new reminders only; failed deliveries stay failed). */
export async function enableWebhookEndpoint({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<WebhookEndpointView> {
  requireWebhookAdmin(ctx);
  await findWebhookEndpoint(ctx, input.id);
  const now = ctx.now();
  const [row] = await ctx.db
    .update(webhookEndpoints)
    .set({
      disabledAt: null,
      disabledReason: null,
      updatedAt: now,
      version: sql`${webhookEndpoints.version} + 1`,
    })
    .where(and(eq(webhookEndpoints.tenantId, ctx.tenantId), eq(webhookEndpoints.id, input.id)))
    .returning();
  return presentWebhookEndpoint(row!, now);
}
