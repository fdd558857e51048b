import type { onSendHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { addRouteHook, routeMethods } from './route-hooks.js';

const READS = new Set(['GET', 'HEAD']);

/**
 * `If-None-Match` on reads: when the client already has the representation the `ETag` names,
 * answer 304 without a body.
 */
export default fp(
  async (app) => {
    const notModified: onSendHookHandler = (request, reply, payload, done) => {
      const ifNoneMatch = request.headers['if-none-match'];
      if (typeof ifNoneMatch !== 'string' || (request.method !== 'GET' && request.method !== 'HEAD'))
        return done(null, payload);
      const etag = reply.getHeader('etag');
      if (reply.statusCode !== 200 || typeof etag !== 'string') return done(null, payload);
      const tags = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
      if (!tags.includes(etag) && !tags.includes('*')) return done(null, payload);
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-length');
      done(null, '');
    };
    // On read routes alone (Fastify adds each GET's HEAD route, which passes here too): a write
    // then runs one hook fewer.
    app.addHook('onRoute', (routeOptions) => {
      if (routeMethods(routeOptions).some((method) => READS.has(method)))
        addRouteHook(routeOptions, 'onSend', notModified);
    });
  },
  { name: 'conditional-get', fastify: '5.x' },
);
