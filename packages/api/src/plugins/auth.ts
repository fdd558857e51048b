import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { ServiceError } from '../errors.js';
import { bearerOf } from '../http/bearer.js';
import { originAllowed, sessionCredentialOf } from '../http/session-credential.js';
import {
  ApiKeyCache,
  type Authenticated,
  authenticateApiKey,
  authenticateCachedApiKey,
} from '../services/api-keys/authenticate.js';
import type { ServiceContext } from '../services/context.js';
import { type SessionCredential, sessionActor } from '../services/sessions/authenticate.js';
import { isSessionSecret } from '../services/sessions/secret.js';
import { addOptionalHeader } from './route-headers.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Live API keys by hash for a few seconds; cleared when a key is revoked in this process. */
    apiKeyCache: ApiKeyCache;
  }
  interface FastifyRequest {
    /** The service context of an authenticated request: tenant, actor, db, clock, logger. */
    ctx: ServiceContext;
    /** The browser session this request authenticated with, if any (see plugins/session-guard.ts). */
    browserSession: SessionCredential | null;
  }
  interface FastifyContextConfig {
    /** Routes that need no API key (health, docs). */
    public?: boolean;
  }
}

export const ACTING_AS_HEADER = 'infoview-acting-as';

const MAX_TOKEN_LENGTH = 512;

/**
 * `Authorization: Bearer <API key or session client secret>` → `request.ctx`; unauthenticated
 * requests stop here with a 401. A session acts as its student's or advisor's own key would.
 */
export default fp<{ cacheTtlMs?: number }>(
  async (app, options) => {
    app.decorateRequest('ctx', null as unknown as ServiceContext);
    app.decorateRequest('bearerToken', undefined);
    app.decorateRequest('browserSession', null);
    app.decorateRequest('sessionCredential', undefined);
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
      // A session is logged by its id (never its secret), beside the key that minted it.
      const bindings = actor.sessionId
        ? { tenantId, apiKeyId: actor.apiKeyId, sessionId: actor.sessionId }
        : { tenantId, apiKeyId: actor.apiKeyId };
      const log = request.log as typeof request.log & { setBindings?: (bindings: object) => void };
      if (log !== app.log && typeof log.setBindings === 'function') log.setBindings(bindings);
      else request.log = log.child(bindings);
      request.ctx = { db: app.database.db, tenantId, actor, now: app.clock, log: request.log };
    };

    const admitSession = (
      request: FastifyRequest,
      session: SessionCredential | undefined,
      actingAs: boolean,
    ) => {
      if (!session)
        throw new ServiceError('auth.invalid_credentials', 'The session client secret is not valid');
      // First, so a page of a foreign origin learns nothing about the session (not even its state).
      const origin = request.headers.origin;
      if (origin !== undefined && !originAllowed(request, origin, session.allowedOrigins)) {
        throw new ServiceError(
          'session.origin_not_allowed',
          `The origin ${origin} is not one of the tenant's sessions.allowedOrigins`,
        );
      }
      if (session.revokedAt) throw new ServiceError('session.revoked');
      if (actingAs) throw new ServiceError('auth.acting_as_not_allowed');
      request.browserSession = session;
      // Expiry is checked once the tenant's clock is known (plugins/session-guard.ts).
      admit(request, { tenantId: session.tenantId, actor: sessionActor(session) });
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
      if (isSessionSecret(token.secret)) {
        sessionCredentialOf(request, app.database.db)
          .then((session) => admitSession(request, session, actingAs !== undefined))
          .then(() => done(), done);
        return;
      }
      const args = {
        ctx: { db: app.database.db, now: app.clock },
        input: {
          secret: token.secret,
          hash: token.hash,
          actingAs: typeof actingAs === 'string' ? actingAs : undefined,
        },
        // Reads may use the key cache; a write always reads its key from the database, so a key
        // revoked on any replica can write nothing anywhere, even before the announcement arrives.
        cache: request.method === 'GET' || request.method === 'HEAD' ? cache : undefined,
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
