import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { originAllowed, sessionCredentialOf } from '../http/session-credential.js';
import { originAllowedAnywhere } from '../services/tenants/origin-allowed-anywhere.js';

/** What a page may send and read: the headers the API's own conventions use. */
const SHARED: FastifyCorsOptions = {
  // No cookies: a session travels only as a bearer token, so credentials stay off.
  credentials: false,
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  allowedHeaders: [
    'Authorization',
    'Content-Type',
    'If-Match',
    'If-None-Match',
    'Idempotency-Key',
    'X-Request-Id',
  ],
  exposedHeaders: [
    'ETag',
    'Location',
    'X-Request-Id',
    'Idempotent-Replayed',
    'RateLimit',
    'RateLimit-Policy',
    'Retry-After',
  ],
  maxAge: 600,
};

const NO_CORS: FastifyCorsOptions = { origin: false };

/**
 * CORS for browser sessions, per tenant (`sessions.allowedOrigins`). A request is given CORS
 * headers only when it carries a session whose tenant allows its `Origin` (the auth plugin then
 * refuses a session from any other origin with a 403); API keys are for servers and get none.
 * A preflight carries no credentials, so it is answered for an origin some tenant allows.
 */
export default fp(
  async (app) => {
    const options = async (request: FastifyRequest): Promise<FastifyCorsOptions> => {
      const origin = request.headers.origin;
      if (origin === undefined) return NO_CORS;
      if (request.method === 'OPTIONS') {
        const allowed =
          originAllowed(request, origin, []) ||
          (await originAllowedAnywhere({ ctx: { db: app.database.db, now: app.clock }, input: { origin } }));
        return allowed ? { ...SHARED, origin } : NO_CORS;
      }
      const session = await sessionCredentialOf(request, app.database.db);
      return session && originAllowed(request, origin, session.allowedOrigins)
        ? { ...SHARED, origin }
        : NO_CORS;
    };
    // In onRequest, before rate limiting and authentication, so their 401, 403 and 429 problems
    // reach the page (a component refreshes its session on a 401 it can read).
    await app.register(cors, {
      hook: 'onRequest',
      delegator: (request, callback) => {
        options(request).then((resolved) => callback(null, resolved), callback);
      },
    });
  },
  { name: 'cors', fastify: '5.x', dependencies: ['database'] },
);
