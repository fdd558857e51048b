import { eq } from 'drizzle-orm';
import { webhookEndpoints } from '../../db/schema/webhook-endpoints.js';
import type { ServiceContext } from '../context.js';
import { keyset, type Page, type PageRequest, toPage } from '../pagination.js';
import { requireWebhookAdmin } from './find.js';
import { presentWebhookEndpoint, type WebhookEndpointView } from './present.js';

export async function listWebhookEndpoints({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageRequest;
}): Promise<Page<WebhookEndpointView>> {
  requireWebhookAdmin(ctx);
  const q = keyset(webhookEndpoints.id, input, eq(webhookEndpoints.tenantId, ctx.tenantId));
  const rows = await ctx.db.select().from(webhookEndpoints).where(q.where).orderBy(q.orderBy).limit(q.limit);
  const now = ctx.now();
  return toPage(rows, q.pageSize, (row) => presentWebhookEndpoint(row, now));
}
