import { Type } from 'typebox';
import { BODY_PROBLEMS, COMMON_PROBLEMS, problems } from '../../http/problem.js';
import { Id, StrictObject, Text, Timestamp } from '../../http/schemas.js';
import { MAX_SESSION_TTL_MINUTES } from '../../services/sessions/create.js';

const TtlMinutes = Type.Integer({
  minimum: 1,
  maximum: MAX_SESSION_TTL_MINUTES,
  description: 'How long a browser session lives unless POST /sessions asks otherwise (default 15)',
});

const AllowedOrigins = Type.Array(
  Text(255, { minLength: 1, description: 'An origin as browsers send it: https://portal.example.edu' }),
  {
    maxItems: 50,
    description: 'The page origins that may call the API with a browser session (CORS); API keys need none',
  },
);

export const Tenant = Type.Object(
  {
    id: Id,
    name: Type.String(),
    sandbox: Type.Boolean({
      description: 'A sandbox tenant is for trying things out (the demo tenant is one)',
    }),
    sessions: Type.Object(
      { ttlMinutes: TtlMinutes, allowedOrigins: AllowedOrigins },
      { description: 'Browser session settings (see docs/embedding.md)' },
    ),
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { description: "The caller's tenant" },
);

const ETagHeader = { etag: { type: 'string', description: 'The tenant version: "<id>:<version>"' } };

export const getTenantSchema = {
  operationId: 'getTenant',
  tags: ['tenant'],
  summary: "The caller's institution",
  response: { 200: Tenant, ...problems(...COMMON_PROBLEMS) },
};

export const updateTenantSchema = {
  operationId: 'updateTenant',
  tags: ['tenant'],
  summary: "Change the tenant's browser-session settings (admin, If-Match required)",
  headers: Type.Object({
    'if-match': Type.Optional(Type.String({ maxLength: 1024, description: 'The ETag of GET /tenant, or *' })),
  }),
  body: StrictObject({
    sessions: StrictObject({
      ttlMinutes: Type.Optional(TtlMinutes),
      allowedOrigins: Type.Optional(AllowedOrigins),
    }),
  }),
  response: {
    200: { ...Tenant, headers: ETagHeader },
    ...problems(...COMMON_PROBLEMS, ...BODY_PROBLEMS, 412, 422, 428),
  },
};
