import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether this process hears the database announce revoked keys (see plugins/key-revocations.ts). */
    keyRevocationsHeard: boolean;
  }
}

/** The channel migration 0009's trigger announces every revoked or deleted API key on. */
export const KEY_REVOKED_CHANNEL = 'infoview_api_key_revoked';

/**
 * Every API process LISTENs for revoked keys and clears its key cache when one is announced, so a
 * key revoked through one replica (API keys, the operator's admin key) is refused by all of them
 * at once rather than after the cache's TTL. While the listening connection is down the cache is
 * suspended. (Browser sessions are never cached: their revocation holds everywhere already.)
 */
export default fp(
  async (app) => {
    app.decorate('keyRevocationsHeard', false);
    const { database, apiKeyCache: cache } = app;
    if (!database.listen) return;
    // Nothing is cached until the subscription holds.
    cache.suspend();
    const stop = await database.listen(KEY_REVOKED_CHANNEL, {
      onNotify: (id) => cache.revoked(id),
      onState: (listening) => {
        app.keyRevocationsHeard = listening;
        if (listening) cache.resume();
        else {
          cache.suspend();
          app.log.warn(
            'the key-revocation listener lost its database connection: keys are not cached meanwhile',
          );
        }
      },
    });
    app.addHook('onClose', stop);
  },
  { name: 'key-revocations', fastify: '5.x', dependencies: ['database', 'auth'] },
);
