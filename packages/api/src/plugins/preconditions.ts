import type { preValidationHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { ServiceError } from '../errors.js';
import { IF_MATCH_HEADER } from '../http/if-match.js';
import { addRouteHook } from './route-hooks.js';

/** Whether a route's `headers` schema lists `name` as required. */
export function requiresHeader(schema: unknown, name: string): boolean {
  const headers = (schema as { headers?: { required?: unknown } } | undefined)?.headers;
  return Array.isArray(headers?.required) && headers.required.includes(name);
}

/**
 * `If-Match` where the route's schema requires it: without it the answer is 428
 * `precondition.required`, before the body is validated, so the document (built from the same
 * schema) and the server cannot disagree on which writes need it.
 */
export default fp(
  async (app) => {
    const ifMatchRequired: preValidationHookHandler = (request, _reply, done) => {
      const value = request.headers[IF_MATCH_HEADER];
      if (typeof value === 'string' && value.trim() !== '') return done();
      done(
        new ServiceError(
          'precondition.required',
          'Send If-Match with the ETag you read, quoted: "<id>:<version>"',
          {
            errors: [{ path: `/headers/${IF_MATCH_HEADER}`, message: 'is required' }],
          },
        ),
      );
    };
    app.addHook('onRoute', (routeOptions) => {
      if (requiresHeader(routeOptions.schema, IF_MATCH_HEADER))
        addRouteHook(routeOptions, 'preValidation', ifMatchRequired);
    });
  },
  { name: 'preconditions', fastify: '5.x' },
);
