import { created, representationEtag } from '../../http/created.js';
import type { RoutePlugin } from '../../http/types.js';
import { createWebhookEndpoint } from '../../services/webhook-endpoints/create.js';
import { deleteWebhookEndpoint } from '../../services/webhook-endpoints/delete.js';
import { enableWebhookEndpoint } from '../../services/webhook-endpoints/enable.js';
import { getWebhookEndpoint } from '../../services/webhook-endpoints/get.js';
import { listWebhookEndpoints } from '../../services/webhook-endpoints/list.js';
import { listWebhookDeliveries } from '../../services/webhook-endpoints/list-deliveries.js';
import { rotateWebhookSecret } from '../../services/webhook-endpoints/rotate-secret.js';
import {
  createWebhookSchema,
  deleteWebhookSchema,
  enableWebhookSchema,
  getWebhookSchema,
  listWebhookDeliveriesSchema,
  listWebhooksSchema,
  rotateWebhookSecretSchema,
} from './schemas.js';

const webhookRoutes: RoutePlugin = async (app) => {
  app.post('/webhooks', { schema: createWebhookSchema }, async (request, reply) => {
    const endpoint = await createWebhookEndpoint({ ctx: request.ctx, input: request.body });
    reply.header('cache-control', 'no-store');
    // Tagged as its reads are (without the secret shown here once), so the tag names its state.
    const { secret: _, ...view } = endpoint;
    return created(reply, `/webhooks/${endpoint.id}`, endpoint, representationEtag(view));
  });

  app.get('/webhooks', { schema: listWebhooksSchema }, async (request) =>
    listWebhookEndpoints({ ctx: request.ctx, input: request.query }),
  );

  app.get('/webhooks/:id', { schema: getWebhookSchema }, async (request, reply) => {
    const endpoint = await getWebhookEndpoint({ ctx: request.ctx, input: { id: request.params.id } });
    // No version column: the tag is a hash of the representation (it changes on enable, rotate, disable).
    reply.header('etag', representationEtag(endpoint));
    return endpoint;
  });

  app.delete('/webhooks/:id', { schema: deleteWebhookSchema }, async (request, reply) => {
    await deleteWebhookEndpoint({ ctx: request.ctx, input: { id: request.params.id } });
    return reply.code(204).send(null);
  });

  app.post('/webhooks/:id/rotate-secret', { schema: rotateWebhookSecretSchema }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return rotateWebhookSecret({ ctx: request.ctx, input: { id: request.params.id } });
  });

  app.post('/webhooks/:id/enable', { schema: enableWebhookSchema }, async (request) =>
    enableWebhookEndpoint({ ctx: request.ctx, input: { id: request.params.id } }),
  );

  app.get('/webhooks/:id/deliveries', { schema: listWebhookDeliveriesSchema }, async (request) =>
    listWebhookDeliveries({ ctx: request.ctx, input: { ...request.query, id: request.params.id } }),
  );
};

export default webhookRoutes;
