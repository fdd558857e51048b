import { created } from '../../http/created.js';
import type { RoutePlugin } from '../../http/types.js';
import { createApiKey } from '../../services/api-keys/create.js';
import { listApiKeys } from '../../services/api-keys/list.js';
import { revokeApiKey } from '../../services/api-keys/revoke.js';
import { createApiKeySchema, listApiKeysSchema, revokeApiKeySchema } from './schemas.js';

const apiKeyRoutes: RoutePlugin = async (app) => {
  app.post('/api-keys', { schema: createApiKeySchema }, async (request, reply) => {
    const key = await createApiKey({ ctx: request.ctx, input: request.body });
    reply.header('cache-control', 'no-store');
    return created(reply, `/api-keys/${key.id}`, key);
  });

  app.get('/api-keys', { schema: listApiKeysSchema }, async (request) =>
    listApiKeys({ ctx: request.ctx, input: request.query }),
  );

  app.delete('/api-keys/:id', { schema: revokeApiKeySchema }, async (request, reply) => {
    const announced = app.apiKeyCache.expectRevocation(request.params.id);
    const revoked = await revokeApiKey({ ctx: request.ctx, input: { id: request.params.id } });
    // This process stops accepting the key at once. The 204 waits until the database's
    // announcement came back here, so every other API process has been sent it too.
    app.apiKeyCache.clear();
    await announced(revoked && app.keyRevocationsHeard ? 2000 : 0);
    return reply.code(204).send(null);
  });
};

export default apiKeyRoutes;
