import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ServiceError } from '../errors.js';
import { bearerOf } from '../http/bearer.js';

export interface RateLimitOptions {
  max: number;
  timeWindowMs: number;
}

/**
 * The bucket of a request: a digest of the whole bearer token (the one authentication then looks
 * the key up by), or the client address without one. Not the key's visible prefix: whoever knows
 * a prefix could then spend another client's limit with made-up keys. A made-up key only spends
 * its own bucket (and then fails authentication).
 */
function bucketOf(request: FastifyRequest): string {
  const token = bearerOf(request);
  return token ? `key:${token.hash.slice(0, 32)}` : `ip:${request.ip}`;
}

/** Per-key rate limiting; a 429 problem with Retry-After when exceeded. */
export default fp<RateLimitOptions>(
  async (app, options) => {
    // Not `global`: the plugin would add route-level hooks, which run after instance hooks — after
    // authentication. As an instance hook registered first, it limits before any database work.
    await app.register(rateLimit, {
      global: false,
      max: options.max,
      timeWindow: options.timeWindowMs,
      keyGenerator: bucketOf,
      errorResponseBuilder: (_request, context) =>
        new ServiceError(
          'rate_limit.exceeded',
          `Rate limit of ${context.max} requests exceeded; retry in ${context.after}`,
        ),
    });
    app.addHook('onRequest', app.rateLimit());
  },
  { name: 'rate-limit', fastify: '5.x' },
);
