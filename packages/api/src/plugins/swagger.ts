import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { RATE_LIMIT_POLICY } from './rate-limit.js';

type Document = Record<string, unknown> & {
  components?: Record<string, unknown>;
  paths?: Record<
    string,
    Record<
      string,
      { security?: unknown[]; responses?: Record<string, { headers?: Record<string, unknown> }> }
    >
  >;
};

/** The response headers every operation shares, declared once under `components.headers`. */
const SHARED_HEADERS = {
  'X-Request-Id': {
    description:
      "The request id (the client's own `X-Request-Id` when well-formed); quote it when reporting a problem.",
    schema: { type: 'string' },
  },
  RateLimit: {
    description: `Requests left in the current window and seconds until it resets (draft-ietf-httpapi-ratelimit-headers), e.g. \`"${RATE_LIMIT_POLICY}";r=599;t=42\`.`,
    schema: { type: 'string' },
  },
  'RateLimit-Policy': {
    description: `The per-key quota and its window in seconds, e.g. \`"${RATE_LIMIT_POLICY}";q=600;w=60\`.`,
    schema: { type: 'string' },
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', minimum: 0 },
  },
};

/**
 * Adds the shared headers to every response of the document: `X-Request-Id` everywhere, the
 * RateLimit fields on the operations that need an API key (the rate-limited ones), and
 * `Retry-After` on their 429.
 */
function documentSharedHeaders(document: Document): Document {
  const ref = (name: keyof typeof SHARED_HEADERS) => ({ $ref: `#/components/headers/${name}` });
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      const limited = !(Array.isArray(operation.security) && operation.security.length === 0);
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        response.headers = {
          ...response.headers,
          'X-Request-Id': ref('X-Request-Id'),
          ...(limited ? { RateLimit: ref('RateLimit'), 'RateLimit-Policy': ref('RateLimit-Policy') } : {}),
          ...(limited && status === '429' ? { 'Retry-After': ref('Retry-After') } : {}),
        };
      }
    }
  }
  document.components = { ...document.components, headers: SHARED_HEADERS };
  return document;
}

/**
 * The OpenAPI 3.1 document, built from the route schemas (so it cannot drift from them),
 * served at /openapi.json, with interactive docs at /docs.
 */
export default fp(
  async (app) => {
    await app.register(swagger, {
      transformObject: (documentObject) =>
        'openapiObject' in documentObject
          ? documentSharedHeaders(documentObject.openapiObject as Document)
          : documentObject.swaggerObject,
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Infoview API',
          version: '0.1.0',
          description:
            'Informational interviewing for university career portals. Errors are RFC 9457 ' +
            '`application/problem+json` with a stable `code`. Every POST (but POST /sessions) accepts an `Idempotency-Key`; ' +
            'reads return an `ETag` (`"<id>:<version>"`) and updates require `If-Match`. Lists are keyset-paginated ' +
            '(`limit`, `cursor` → `nextCursor`). Requests are rate limited per API key: responses say where ' +
            'the key stands in the IETF `RateLimit` and `RateLimit-Policy` fields, and a 429 adds `Retry-After`.',
          license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
        },
        servers: [{ url: '/' }],
        components: {
          securitySchemes: {
            apiKey: {
              type: 'http',
              scheme: 'bearer',
              description:
                'An Infoview API key (`Authorization: Bearer iv_live_…`), or in a browser a session client secret (`iv_sess_…`, see POST /sessions)',
            },
          },
        },
        security: [{ apiKey: [] }],
        tags: [
          { name: 'operations', description: 'Health, readiness and this document' },
          { name: 'tenant', description: "The caller's institution and its policy" },
          { name: 'api-keys', description: 'Issue, list and revoke API keys (admin)' },
          {
            name: 'sessions',
            description:
              'Browser sessions: short-lived client secrets a portal mints for embedded components',
          },
          { name: 'advisors', description: 'Career advisors and their cohorts (admin)' },
          { name: 'students', description: 'Students, with the portal external id, time zone and profile' },
          { name: 'contacts', description: 'Professionals a student may interview' },
          {
            name: 'interviews',
            description: 'Interviews and their lifecycle actions (If-Match required), timeline and notes',
          },
          { name: 'tasks', description: 'Tasks derived by the rule engine, each with its explanation' },
          { name: 'network', description: 'Milestones, touchpoints, referrals and meetings' },
          { name: 'questions', description: 'The question bank and per-interview question lists' },
          { name: 'messages', description: 'Render templates, lint drafts, record messages sent' },
          { name: 'cohort', description: "An advisor's view of their students" },
        ],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
  },
  { name: 'swagger', fastify: '5.x' },
);
