import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { NamedSchemas } from '../http/openapi-components.js';
import { acceptsNoBody } from '../http/optional-body.js';
import { documentTags } from '../http/tags.js';
import { RATE_LIMIT_POLICY } from './rate-limit.js';

interface Operation {
  tags?: string[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Record<string, unknown> }> };
  security?: unknown[];
  responses?: Record<string, { headers?: Record<string, unknown> }>;
}

type Document = Record<string, unknown> & {
  components?: Record<string, unknown>;
  paths?: Record<string, Record<string, Operation>>;
  tags?: { name: string; description?: string }[];
};

const operationsOf = (document: Document): Operation[] =>
  Object.values(document.paths ?? {}).flatMap((operations) => Object.values(operations));

/** `requestBody.required` as the server has it: false where no body is taken as `{}`. */
function documentOptionalBodies(document: Document, schemas: Record<string, unknown>): void {
  for (const operations of Object.values(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      const media = Object.values(operation.requestBody?.content ?? {})[0]?.schema;
      const ref = typeof media?.$ref === 'string' ? media.$ref.split('/').at(-1) : undefined;
      const body = ref === undefined ? media : schemas[ref];
      if (operation.requestBody && acceptsNoBody(method, body)) operation.requestBody.required = false;
    }
  }
}

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
  for (const operation of operationsOf(document)) {
    const limited =
      !(Array.isArray(operation.security) && operation.security.length === 0) ||
      (operation as { 'x-rate-limited'?: boolean })['x-rate-limited'] === true;
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      response.headers = {
        ...response.headers,
        'X-Request-Id': ref('X-Request-Id'),
        ...(limited ? { RateLimit: ref('RateLimit'), 'RateLimit-Policy': ref('RateLimit-Policy') } : {}),
        ...(limited && status === '429' ? { 'Retry-After': ref('Retry-After') } : {}),
      };
    }
  }
  document.components = { ...document.components, headers: SHARED_HEADERS };
  return document;
}

/** What the document adds to the routes' own schemas: shared headers, named schemas, tags. */
function completeDocument(document: Document, named: NamedSchemas): Document {
  documentSharedHeaders(document);
  const schemas = (document.components?.schemas ?? {}) as Record<string, unknown>;
  const sorted = [...named.schemas.entries()].sort(([a], [b]) => a.localeCompare(b));
  document.components = { ...document.components, schemas: { ...schemas, ...Object.fromEntries(sorted) } };
  documentOptionalBodies(document, document.components.schemas as Record<string, unknown>);
  document.tags = documentTags(operationsOf(document).flatMap((operation) => operation.tags ?? []));
  return document;
}

/**
 * The OpenAPI 3.1 document, built from the route schemas (so it cannot drift from them),
 * served at /openapi.json, with interactive docs at /docs.
 */
export default fp(
  async (app) => {
    // Filled while the document is built (each route's schema passes `transform` once), read by
    // `transformObject` at the end of that same build.
    let named = new NamedSchemas();
    await app.register(swagger, {
      transform: ({ schema, url }) => ({
        schema: schema && (named.referenceRoute(schema as Record<string, unknown>) as typeof schema),
        url,
      }),
      transformObject: (documentObject) => {
        if (!('openapiObject' in documentObject)) return documentObject.swaggerObject;
        const document = completeDocument(documentObject.openapiObject as Document, named);
        named = new NamedSchemas();
        return document;
      },
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
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
  },
  { name: 'swagger', fastify: '5.x' },
);
