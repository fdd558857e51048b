import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fp from 'fastify-plugin';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes a well-formed `x-request-id` from the client (or a proxy), otherwise makes one. */
export function requestId(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Echoes the request id on every response, so a client can quote it when reporting a problem. */
export default fp(
  async (app) => {
    // Callback hooks, here and in the other per-request hooks that need no I/O: an async hook
    // costs a promise and a microtask on every request.
    app.addHook('onSend', (request, reply, payload, done) => {
      reply.header('x-request-id', request.id);
      done(null, payload);
    });
  },
  { name: 'request-id', fastify: '5.x' },
);
