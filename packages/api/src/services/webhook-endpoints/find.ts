import { and, eq } from 'drizzle-orm';
import { webhookEndpoints } from '../../db/schema/webhook-endpoints.js';
import { ServiceError } from '../../errors.js';
import { requireRole, type ServiceContext } from '../context.js';

/** Webhook endpoints are administered by admin and integration keys. */
export function requireWebhookAdmin(ctx: ServiceContext): void {
  requireRole(ctx, 'admin', 'integration');
}

export async function findWebhookEndpoint(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, ctx.tenantId), eq(webhookEndpoints.id, id)));
  if (!row) throw new ServiceError('webhook_endpoint.not_found', `No webhook endpoint ${id}`);
  return row;
}
