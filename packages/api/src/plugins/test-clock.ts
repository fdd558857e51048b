import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { readTestClock } from '../services/test-clocks/read.js';

/** A per-tenant cache of test clocks, so `ctx.now()` costs no query on most requests. */
export class TestClockCache {
  private readonly entries = new Map<string, { at: Date | null; expires: number }>();

  constructor(
    private readonly read: (tenantId: string) => Promise<Date | null>,
    private readonly ttlMs: number,
  ) {}

  /** The cached clock (null: none), or undefined when it must be read. */
  cached(tenantId: string): Date | null | undefined {
    const hit = this.entries.get(tenantId);
    return hit && hit.expires > Date.now() ? hit.at : undefined;
  }

  async get(tenantId: string): Promise<Date | null> {
    const hit = this.cached(tenantId);
    if (hit !== undefined) return hit;
    const at = await this.read(tenantId);
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(tenantId, { at, expires: Date.now() + this.ttlMs });
    return at;
  }

  /** After this process changes the clock; other processes see it within the TTL. */
  invalidate(tenantId: string): void {
    this.entries.delete(tenantId);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    testClocks: TestClockCache;
  }
}

/**
 * A sandbox tenant with a test clock reads its simulated time in every service: the request's
 * `ctx.now` is replaced right after authentication. Real tenants keep the app clock.
 */
export default fp<{ ttlMs?: number }>(
  async (app, options) => {
    const cache = new TestClockCache(
      (tenantId) => readTestClock(app.database.db, tenantId),
      options.ttlMs ?? 5000,
    );
    app.decorate('testClocks', cache);
    const freeze = (request: FastifyRequest, frozen: Date | null) => {
      if (frozen) request.ctx.now = () => frozen;
    };
    // A callback hook: on a cache hit it needs no promise.
    app.addHook('onRequest', (request, _reply, done) => {
      if (!request.ctx) return done();
      const cached = cache.cached(request.ctx.tenantId);
      if (cached !== undefined) {
        freeze(request, cached);
        return done();
      }
      cache.get(request.ctx.tenantId).then((frozen) => {
        freeze(request, frozen);
        done();
      }, done);
    });
  },
  { name: 'test-clock', fastify: '5.x', dependencies: ['database', 'auth'] },
);
