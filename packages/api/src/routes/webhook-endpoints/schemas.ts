import { Type } from 'typebox';
import { CreatedHeaders } from '../../http/created.js';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, Nullable, StrictObject, StringEnum, Text, Timestamp } from '../../http/schemas.js';

const endpointProperties = {
  id: Id,
  url: Type.String(),
  description: Nullable(Type.String()),
  previousSecretExpiresAt: Nullable(Timestamp),
  disabledAt: Nullable(Timestamp),
  disabledReason: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const WebhookEndpoint = Type.Object(endpointProperties, {
  $id: 'WebhookEndpoint',
  description: 'Where reminder webhooks go (never its secret)',
});

export const WebhookEndpointWithSecret = Type.Object(
  {
    ...endpointProperties,
    secret: Type.String({
      description: 'The signing secret (`whsec_…`) for the standardwebhooks Webhook class. Shown this once',
    }),
  },
  { $id: 'WebhookEndpointWithSecret', description: 'The endpoint with its new signing secret' },
);

export const WebhookDelivery = Type.Object(
  {
    id: Type.String({ description: 'The `webhook-id` header, the same on every retry' }),
    reminderId: Id,
    status: StringEnum(['pending', 'delivered', 'failed']),
    attempts: Type.Integer(),
    lastStatusCode: Nullable(Type.Integer()),
    lastError: Nullable(Type.String()),
    lastAttemptAt: Nullable(Timestamp),
    nextAttemptAt: Nullable(Timestamp),
    deliveredAt: Nullable(Timestamp),
    createdAt: Timestamp,
  },
  { $id: 'WebhookDelivery', description: 'One reminder sent (or being retried) to the endpoint' },
);

export const createWebhookSchema = {
  operationId: 'createWebhookEndpoint',
  tags: ['webhooks'],
  summary: 'Register a webhook endpoint (its secret is shown once)',
  body: StrictObject({
    url: Text(2048, { minLength: 1, description: 'An http(s) URL' }),
    description: Type.Optional(Text(500)),
  }),
  response: {
    201: { ...WebhookEndpointWithSecret, headers: CreatedHeaders('webhook endpoint') },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 422),
  },
};

export const listWebhooksSchema = {
  operationId: 'listWebhookEndpoints',
  tags: ['webhooks'],
  summary: "List the tenant's webhook endpoints",
  querystring: StrictObject({ ...PageQuery }),
  response: { 200: PageOf(WebhookEndpoint, 'A page of webhook endpoints'), ...problems(...COMMON_PROBLEMS) },
};

export const getWebhookSchema = {
  operationId: 'getWebhookEndpoint',
  tags: ['webhooks'],
  summary: 'Read a webhook endpoint',
  params: IdParams,
  response: {
    200: {
      ...WebhookEndpoint,
      headers: { etag: { type: 'string', description: 'A hash of the endpoint as answered' } },
    },
    ...problems(...COMMON_PROBLEMS, 404),
  },
};

export const deleteWebhookSchema = {
  operationId: 'deleteWebhookEndpoint',
  tags: ['webhooks'],
  summary: 'Delete a webhook endpoint (its pending deliveries fail)',
  params: IdParams,
  response: { 204: Type.Null({ description: 'Deleted' }), ...problems(...COMMON_PROBLEMS, 404) },
};

export const rotateWebhookSecretSchema = {
  operationId: 'rotateWebhookSecret',
  tags: ['webhooks'],
  summary: 'Rotate the signing secret; the old one also signs for 24 hours',
  params: IdParams,
  response: { 200: WebhookEndpointWithSecret, ...problems(...COMMON_PROBLEMS, 404) },
};

export const enableWebhookSchema = {
  operationId: 'enableWebhookEndpoint',
  tags: ['webhooks'],
  summary: 'Re-enable an endpoint disabled by a 410 Gone',
  params: IdParams,
  response: { 200: WebhookEndpoint, ...problems(...COMMON_PROBLEMS, 404) },
};

export const listWebhookDeliveriesSchema = {
  operationId: 'listWebhookDeliveries',
  tags: ['webhooks'],
  summary: "The endpoint's delivery log",
  params: IdParams,
  querystring: StrictObject({ ...PageQuery }),
  response: {
    200: PageOf(WebhookDelivery, 'A page of deliveries, oldest first'),
    ...problems(...COMMON_PROBLEMS, 404),
  },
};
