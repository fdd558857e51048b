import { and, eq } from 'drizzle-orm';
import { reminderDeliveries } from '../../db/schema/reminder-deliveries.js';
import type { ServiceContext } from '../context.js';
import { keyset, type Page, type PageRequest, toPage } from '../pagination.js';
import { findWebhookEndpoint, requireWebhookAdmin } from './find.js';
import { presentWebhookDelivery, type WebhookDeliveryView } from './present.js';

/** The endpoint's delivery log, oldest first: one entry per reminder, with its latest attempt. */
export async function listWebhookDeliveries({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageRequest & { id: string };
}): Promise<Page<WebhookDeliveryView>> {
  requireWebhookAdmin(ctx);
  await findWebhookEndpoint(ctx, input.id);
  const q = keyset(
    reminderDeliveries.id,
    input,
    and(
      eq(reminderDeliveries.tenantId, ctx.tenantId),
      eq(reminderDeliveries.channel, 'webhook'),
      eq(reminderDeliveries.target, input.id),
    ),
  );
  const rows = await ctx.db
    .select()
    .from(reminderDeliveries)
    .where(q.where)
    .orderBy(q.orderBy)
    .limit(q.limit);
  return toPage(rows, q.pageSize, presentWebhookDelivery);
}
