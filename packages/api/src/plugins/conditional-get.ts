import fp from 'fastify-plugin';

/**
 * `If-None-Match` on reads: when the client already has the representation the `ETag` names,
 * answer 304 without a body.
 */
export default fp(
  async (app) => {
    app.addHook('onSend', async (request, reply, payload) => {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
      const etag = reply.getHeader('etag');
      const ifNoneMatch = request.headers['if-none-match'];
      if (typeof etag !== 'string' || typeof ifNoneMatch !== 'string') return payload;
      const tags = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
      if (!tags.includes(etag) && !tags.includes('*')) return payload;
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-length');
      return '';
    });
  },
  { name: 'conditional-get', fastify: '5.x' },
);
