import { and, eq } from 'drizzle-orm';
import { webhookEndpoints } from '../../db/schema/webhook-endpoints.js';
import type { ServiceContext } from '../context.js';
import { findWebhookEndpoint, requireWebhookAdmin } from './find.js';

/** Deletes an endpoint; its pending deliveries fail as "endpoint deleted" (the log stays). */
export async function deleteWebhookEndpoint({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<void> {
  requireWebhookAdmin(ctx);
  await findWebhookEndpoint(ctx, input.id);
  await ctx.db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, ctx.tenantId), eq(webhookEndpoints.id, input.id)));
}
