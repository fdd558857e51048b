import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ServiceError } from '../errors.js';
import { apiKeyPrefix } from '../services/api-keys/secret.js';

export interface RateLimitOptions {
  max: number;
  timeWindowMs: number;
}

/** The bucket of a request: its API key's visible prefix, or the client address without a key. */
function bucketOf(request: FastifyRequest): string {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match ? `key:${apiKeyPrefix(match[1]!)}` : `ip:${request.ip}`;
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
