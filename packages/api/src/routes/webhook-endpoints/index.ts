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
    reply.code(201).header('cache-control', 'no-store').header('location', `/webhooks/${endpoint.id}`);
    return endpoint;
  });

  app.get('/webhooks', { schema: listWebhooksSchema }, async (request) =>
    listWebhookEndpoints({ ctx: request.ctx, input: request.query }),
  );

  app.get('/webhooks/:id', { schema: getWebhookSchema }, async (request) =>
    getWebhookEndpoint({ ctx: request.ctx, input: { id: request.params.id } }),
  );

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
