import fp from 'fastify-plugin';
import { ServiceError } from '../errors.js';
import { reachableTags } from '../services/sessions/components.js';

/**
 * What a browser session may not pass once the request's clock is known: its expiry (read on the
 * tenant's test clock, as its `expiresAt` was computed) and the operations of its components.
 */
export default fp(
  async (app) => {
    const tagsOf = new Map<string, Set<string>>();
    app.addHook('onRequest', (request, _reply, done) => {
      const session = request.browserSession;
      if (!session) return done();
      if (request.ctx.now().getTime() >= session.expiresAt.getTime()) {
        throw new ServiceError(
          'session.expired',
          `The session expired at ${session.expiresAt.toISOString()}`,
        );
      }
      const key = session.components.join(',');
      let reachable = tagsOf.get(key);
      if (!reachable) {
        reachable = reachableTags(session.components);
        if (tagsOf.size > 1000) tagsOf.clear();
        tagsOf.set(key, reachable);
      }
      const tags = (request.routeOptions.schema?.tags as string[] | undefined) ?? [];
      if (!tags.some((tag) => reachable.has(tag))) {
        throw new ServiceError(
          'session.component_not_allowed',
          `None of this session's components (${session.components.join(', ')}) uses this operation`,
        );
      }
      done();
    });
  },
  { name: 'session-guard', fastify: '5.x', dependencies: ['auth', 'test-clock'] },
);
