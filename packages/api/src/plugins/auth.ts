import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { ServiceError } from '../errors.js';
import { bearerOf } from '../http/bearer.js';
import {
  ApiKeyCache,
  type Authenticated,
  authenticateApiKey,
  authenticateCachedApiKey,
} from '../services/api-keys/authenticate.js';
import type { ServiceContext } from '../services/context.js';
import { addOptionalHeader } from './route-headers.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Live API keys by hash for a few seconds; cleared when a key is revoked in this process. */
    apiKeyCache: ApiKeyCache;
  }
  interface FastifyRequest {
    /** The service context of an authenticated request: tenant, actor, db, clock, logger. */
    ctx: ServiceContext;
  }
  interface FastifyContextConfig {
    /** Routes that need no API key (health, docs). */
    public?: boolean;
  }
}

export const ACTING_AS_HEADER = 'infoview-acting-as';

const MAX_TOKEN_LENGTH = 512;

/** `Authorization: Bearer <key>` → `request.ctx`; unauthenticated requests stop here with a 401. */
export default fp<{ cacheTtlMs?: number }>(
  async (app, options) => {
    app.decorateRequest('ctx', null as unknown as ServiceContext);
    app.decorateRequest('bearerToken', undefined);
    const cache = new ApiKeyCache(options.cacheTtlMs ?? 5000);
    app.decorate('apiKeyCache', cache);

    // Whether this scope has a public route at all: only then does a request look at its route's
    // config (`request.routeOptions` builds a fresh object on every read).
    let anyPublicRoute = false;
    app.addHook('onRoute', (routeOptions) => {
      if (routeOptions.config?.public) {
        anyPublicRoute = true;
        return;
      }
      addOptionalHeader(
        routeOptions,
        ACTING_AS_HEADER,
        Type.String({
          minLength: 1,
          maxLength: 255,
          description:
            "Integration keys only: the student's externalId; the request then sees what that student sees",
        }),
      );
    });

    const admit = (request: FastifyRequest, { tenantId, actor }: Authenticated) => {
      // Fastify made request.log for this request alone (a lazy child with its id, see
      // request-logger.ts): bind onto it. Without a logger it is the shared one, which must not be bound.
      const bindings = { tenantId, apiKeyId: actor.apiKeyId };
      const log = request.log as typeof request.log & { setBindings?: (bindings: object) => void };
      if (log !== app.log && typeof log.setBindings === 'function') log.setBindings(bindings);
      else request.log = log.child(bindings);
      request.ctx = { db: app.database.db, tenantId, actor, now: app.clock, log: request.log };
    };

    // A callback hook: a cached key is admitted without a promise (a throw here is a refusal).
    app.addHook('onRequest', (request, _reply, done) => {
      if (anyPublicRoute && request.routeOptions.config?.public) return done();
      const header = request.headers.authorization;
      if (!header) throw new ServiceError('auth.missing_credentials', 'Send Authorization: Bearer <API key>');
      const token = bearerOf(request);
      if (!token || token.secret.length > MAX_TOKEN_LENGTH)
        throw new ServiceError('auth.invalid_credentials', 'Authorization must be "Bearer <API key>"');
      const actingAs = request.headers[ACTING_AS_HEADER];
      const args = {
        ctx: { db: app.database.db, now: app.clock },
        input: {
          secret: token.secret,
          hash: token.hash,
          actingAs: typeof actingAs === 'string' ? actingAs : undefined,
        },
        cache,
      };
      const cached = authenticateCachedApiKey(args);
      if (cached) {
        admit(request, cached);
        return done();
      }
      authenticateApiKey(args).then((authenticated) => {
        admit(request, authenticated);
        done();
      }, done);
    });
  },
  { name: 'auth', fastify: '5.x', dependencies: ['database'] },
);
