import { webhookEndpoints } from '../../db/schema/webhook-endpoints.js';
import { ServiceError } from '../../errors.js';
import { newId } from '../../lib/ids.js';
import type { ServiceContext } from '../context.js';
import { requireWebhookAdmin } from './find.js';
import { presentWebhookEndpoint, type WebhookEndpointView } from './present.js';
import { generateWebhookSecret } from './secret.js';

export function checkWebhookUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.username || parsed.password) {
    throw new ServiceError('webhook_endpoint.url_invalid', 'The URL must be http(s) without credentials', {
      errors: [{ path: '/body/url', message: 'is not an http(s) URL without credentials' }],
    });
  }
}

/** Registers an endpoint; the response carries its signing secret, shown this once. */
export async function createWebhookEndpoint({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { url: string; description?: string | undefined };
}): Promise<WebhookEndpointView & { secret: string }> {
  requireWebhookAdmin(ctx);
  checkWebhookUrl(input.url);
  const now = ctx.now();
  const secret = generateWebhookSecret();
  const [row] = await ctx.db
    .insert(webhookEndpoints)
    .values({
      id: newId(now.getTime()),
      tenantId: ctx.tenantId,
      url: input.url,
      description: input.description ?? null,
      secret,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return { ...presentWebhookEndpoint(row!, now), secret };
}
