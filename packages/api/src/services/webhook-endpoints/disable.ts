import { and, eq, isNull, sql } from 'drizzle-orm';
import { webhookEndpoints } from '../../db/schema/webhook-endpoints.js';
import type { ServiceContext } from '../context.js';
import { requireWebhookAdmin } from './find.js';

/**
 * Turns an endpoint off, with the reason shown to the tenant (the reminder channel calls this
 * when a receiver answers 410 Gone); `enableWebhookEndpoint` turns it back on. An endpoint
 * already disabled keeps its first reason; a deleted one is left alone.
 */
export async function disableWebhookEndpoint({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; reason: string };
}): Promise<void> {
  requireWebhookAdmin(ctx);
  const now = ctx.now();
  await ctx.db
    .update(webhookEndpoints)
    .set({
      disabledAt: now,
      disabledReason: input.reason,
      updatedAt: now,
      version: sql`${webhookEndpoints.version} + 1`,
    })
    .where(
      and(
        eq(webhookEndpoints.tenantId, ctx.tenantId),
        eq(webhookEndpoints.id, input.id),
        isNull(webhookEndpoints.disabledAt),
      ),
    );
}
