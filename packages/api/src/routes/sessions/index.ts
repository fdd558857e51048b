import { etagOf } from '../../http/etag.js';
import type { RoutePlugin } from '../../http/types.js';
import { createSession } from '../../services/sessions/create.js';
import { getCurrentSession } from '../../services/sessions/get-current.js';
import { revokeSession } from '../../services/sessions/revoke.js';
import { createSessionSchema, getCurrentSessionSchema, revokeSessionSchema } from './schemas.js';

const sessionRoutes: RoutePlugin = async (app) => {
  // Not idempotent: a replay would have to store the client secret; a retry simply mints another.
  app.post(
    '/sessions',
    { schema: createSessionSchema, config: { idempotent: false } },
    async (request, reply) => {
      const session = await createSession({ ctx: request.ctx, input: request.body });
      // A session never changes after it is minted (only revoked), so its tag is its id at version 1.
      reply
        .code(201)
        .header('cache-control', 'no-store')
        .header('location', `/sessions/${session.id}`)
        .header('etag', etagOf({ id: session.id, version: 1 }));
      return session;
    },
  );

  app.get('/sessions/current', { schema: getCurrentSessionSchema }, async (request) =>
    getCurrentSession({ ctx: request.ctx }),
  );

  app.delete('/sessions/:id', { schema: revokeSessionSchema }, async (request, reply) => {
    await revokeSession({ ctx: request.ctx, input: { id: request.params.id } });
    return reply.code(204).send(null);
  });
};

export default sessionRoutes;
