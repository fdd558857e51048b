import fp from 'fastify-plugin';
import type { Database } from '../db/client.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The open database (PGlite or PostgreSQL). Owned by whoever built the app; closed by them. */
    database: Database;
    /** The clock every service reads (tests and sandbox tenants may replace it). */
    clock: () => Date;
  }
}

export interface DatabasePluginOptions {
  database: Database;
  clock: () => Date;
}

export default fp<DatabasePluginOptions>(
  async (app, options) => {
    app.decorate('database', options.database);
    app.decorate('clock', options.clock);
  },
  { name: 'database', fastify: '5.x' },
);
