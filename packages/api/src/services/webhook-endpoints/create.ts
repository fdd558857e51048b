import { webhookEndpoints } from '../../db/schema/webhook-endpoints.js';
import { ServiceError } from '../../errors.js';
import { newId } from '../../lib/ids.js';
import { outboundPolicy } from '../../net/outbound-policy.js';
import { checkWebhookUrl } from '../../net/webhook-url.js';
import type { ServiceContext } from '../context.js';
import { requireWebhookAdmin } from './find.js';
import { presentWebhookEndpoint, type WebhookEndpointView } from './present.js';
import { generateWebhookSecret } from './secret.js';

/**
 * The URL as stored: normalised, or a 422 naming the field. `url_not_allowed` for an address
 * (in any spelling, or behind a name) that outbound traffic may not reach (see src/net/).
 */
export async function normaliseWebhookUrl(url: string): Promise<string> {
  const checked = await checkWebhookUrl(url, outboundPolicy());
  if (checked.ok) return checked.href;
  const notAllowed = checked.kind === 'not_allowed';
  throw new ServiceError(
    notAllowed ? 'webhook_endpoint.url_not_allowed' : 'webhook_endpoint.url_invalid',
    notAllowed
      ? 'The URL points inside a private network; an operator can allow it with WEBHOOK_ALLOW_PRIVATE_HOSTS'
      : 'The URL must be http(s) without credentials or control characters',
    { errors: [{ path: '/body/url', message: checked.reason }] },
  );
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
  const url = await normaliseWebhookUrl(input.url);
  const now = ctx.now();
  const secret = generateWebhookSecret();
  const [row] = await ctx.db
    .insert(webhookEndpoints)
    .values({
      id: newId(now.getTime()),
      tenantId: ctx.tenantId,
      url,
      description: input.description ?? null,
      secret,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return { ...presentWebhookEndpoint(row!, now), secret };
}
