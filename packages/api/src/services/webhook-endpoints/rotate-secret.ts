import { and, eq, sql } from 'drizzle-orm';
import { webhookEndpoints } from '../../db/schema/webhook-endpoints.js';
import { type ServiceContext, withTransaction } from '../context.js';
import { findWebhookEndpoint, requireWebhookAdmin } from './find.js';
import { presentWebhookEndpoint, type WebhookEndpointView } from './present.js';
import { generateWebhookSecret, ROTATION_GRACE_MS } from './secret.js';

/**
 * A new signing secret; the old one keeps signing (a second signature) for 24 hours so the
 * receiver can switch without dropping a message.
 */
export async function rotateWebhookSecret({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<WebhookEndpointView & { secret: string }> {
  requireWebhookAdmin(ctx);
  return withTransaction(ctx, async (ctx) => {
    const current = await findWebhookEndpoint(ctx, input.id);
    // Real time: the grace period protects a real receiver, whatever a test clock says.
    const real = new Date();
    const secret = generateWebhookSecret();
    const [row] = await ctx.db
      .update(webhookEndpoints)
      .set({
        secret,
        previousSecret: current.secret,
        previousSecretExpiresAt: new Date(real.getTime() + ROTATION_GRACE_MS),
        updatedAt: real,
        version: sql`${webhookEndpoints.version} + 1`,
      })
      .where(and(eq(webhookEndpoints.tenantId, ctx.tenantId), eq(webhookEndpoints.id, input.id)))
      .returning();
    return { ...presentWebhookEndpoint(row!, real), secret };
  });
}
