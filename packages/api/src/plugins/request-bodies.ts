import type { FastifyRequest, preValidationHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { ServiceError } from '../errors.js';
import { MERGE_PATCH_CONTENT_TYPE, PATCH_CONTENT_TYPES } from '../http/merge-patch.js';
import { acceptsNoBody } from '../http/optional-body.js';
import { addRouteHook, routeMethods } from './route-hooks.js';

const isMergePatch = (request: FastifyRequest) =>
  (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === MERGE_PATCH_CONTENT_TYPE;

/**
 * How bodies are read: an empty JSON body is no body, so an action whose fields are all optional
 * needs none, with or without a content type (see acceptsNoBody), and elsewhere a missing body is a
 * 400 `request.validation_failed` naming `/body`; every
 * PATCH also accepts `application/merge-patch+json` (RFC 7396), which other methods refuse (415).
 */
export default fp(
  async (app) => {
    const parseJson = app.getDefaultJsonParser('error', 'error');
    const parse: typeof parseJson = (request, body, done) =>
      body === '' || (typeof body === 'string' && body.trim() === '')
        ? done(null, undefined)
        : parseJson(request, body, done);
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, parse);
    app.addContentTypeParser(MERGE_PATCH_CONTENT_TYPE, { parseAs: 'string' }, parse);

    const noBodyIsEmpty: preValidationHookHandler = (request, _reply, done) => {
      if (request.body === undefined) request.body = {};
      done();
    };
    const notMergePatch: preValidationHookHandler = (request, _reply, done) => {
      if (!isMergePatch(request)) return done();
      done(
        new ServiceError(
          'request.unsupported_media_type',
          `${MERGE_PATCH_CONTENT_TYPE} is for PATCH; send application/json`,
        ),
      );
    };
    app.addHook('onRoute', (routeOptions) => {
      const schema = routeOptions.schema;
      if (!schema?.body) return;
      const methods = routeMethods(routeOptions);
      if (methods.includes('PATCH')) {
        routeOptions.schema = { ...schema, consumes: [...PATCH_CONTENT_TYPES] };
      } else {
        addRouteHook(routeOptions, 'preValidation', notMergePatch);
      }
      if (methods.some((method) => acceptsNoBody(method, schema.body)))
        addRouteHook(routeOptions, 'preValidation', noBodyIsEmpty);
    });
  },
  { name: 'request-bodies', fastify: '5.x' },
);
