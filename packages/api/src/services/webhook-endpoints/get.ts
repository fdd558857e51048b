import type { ServiceContext } from '../context.js';
import { findWebhookEndpoint, requireWebhookAdmin } from './find.js';
import { presentWebhookEndpoint, type WebhookEndpointView } from './present.js';

export async function getWebhookEndpoint({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<WebhookEndpointView> {
  requireWebhookAdmin(ctx);
  return presentWebhookEndpoint(await findWebhookEndpoint(ctx, input.id), ctx.now());
}
