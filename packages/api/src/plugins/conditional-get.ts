import fp from 'fastify-plugin';

/**
 * `If-None-Match` on reads: when the client already has the representation the `ETag` names,
 * answer 304 without a body.
 */
export default fp(
  async (app) => {
    app.addHook('onSend', (request, reply, payload, done) => {
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
    });
  },
  { name: 'conditional-get', fastify: '5.x' },
);
