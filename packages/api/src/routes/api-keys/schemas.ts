import { Type } from 'typebox';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, IdParams, Nullable, StrictObject, StringEnum, Text, Timestamp } from '../../http/schemas.js';
import { API_KEY_SCOPES } from '../../services/api-keys/scopes.js';

const Scope = StringEnum(API_KEY_SCOPES, {
  description:
    'admin: the whole tenant; advisor: assigned students; student: themselves; integration: a portal',
});

const apiKeyProperties = {
  id: Id,
  name: Type.String(),
  prefix: Type.String({ description: 'The first 16 characters of the key, to tell keys apart' }),
  scope: Scope,
  studentId: Nullable(Id),
  advisorId: Nullable(Id),
  createdAt: Timestamp,
  lastUsedAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
};

export const ApiKey = Type.Object(apiKeyProperties, {
  $id: 'ApiKey',
  description: 'An API key (never its secret)',
});

export const CreatedApiKey = Type.Object(
  {
    ...apiKeyProperties,
    secret: Type.String({ description: 'The key itself. Shown this once; store it now' }),
  },
  { $id: 'CreatedApiKey', description: 'The new key, with its secret' },
);

export const CreateApiKeyBody = StrictObject({
  name: Text(200, { minLength: 1, description: 'What the key is for' }),
  scope: Scope,
  studentId: Type.Optional(Id),
  advisorId: Type.Optional(Id),
});

export const createApiKeySchema = {
  operationId: 'createApiKey',
  tags: ['api-keys'],
  summary: 'Issue an API key (its secret is shown once)',
  body: CreateApiKeyBody,
  response: {
    201: {
      ...CreatedApiKey,
      headers: {
        location: { type: 'string', description: 'The URL of the new key (DELETE it to revoke)' },
        etag: { type: 'string', description: 'Names this representation of the new key' },
      },
    },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 404, 409, 422),
  },
};

export const listApiKeysSchema = {
  operationId: 'listApiKeys',
  tags: ['api-keys'],
  summary: "List the tenant's API keys",
  querystring: StrictObject({ ...PageQuery }),
  response: { 200: PageOf(ApiKey, 'A page of API keys'), ...problems(...COMMON_PROBLEMS) },
};

export const revokeApiKeySchema = {
  operationId: 'revokeApiKey',
  tags: ['api-keys'],
  summary: 'Revoke an API key at once',
  params: IdParams,
  response: { 204: Type.Null({ description: 'Revoked' }), ...problems(...COMMON_PROBLEMS, 404) },
};
