import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ServiceError } from '../errors.js';
import { bearerOf } from '../http/bearer.js';
import { RedisWindows, type WindowCount } from '../http/redis-windows.js';

export interface RateLimitOptions {
  max: number;
  timeWindowMs: number;
  /** Failed authentications (401) a client address may make per window before its 429s. */
  authFailuresMax: number;
  /** Buckets kept at most; past it, expired windows and then the oldest are dropped. */
  capacity?: number;
  /**
   * With Redis (`REDIS_URL`): the windows live there, one budget per key across every API
   * process; `prefix` names this limiter's keys. Without it, each process counts in memory.
   */
  redis?: { url: string; prefix: string } | undefined;
}

/** Where new buckets count while every slot holds an active window (one slot is kept for it). */
const OVERFLOW = 'overflow';

/** One bucket's window: requests counted since it opened. */
interface Window {
  count: number;
  startedAt: number;
}

/**
 * Fixed windows per bucket, in process: a bucket's first request opens a window of `windowMs`,
 * and every request in it counts. The same arithmetic as @fastify/rate-limit's local store, kept
 * synchronous so the hook costs no promise.
 */
export class FixedWindows {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly windowMs: number,
    private readonly capacity: number,
  ) {}

  /**
   * Counts a request; its window's count so far and the ms until the window closes. When every
   * slot holds an active window, a new bucket counts in one shared overflow bucket instead: an
   * active window is never evicted (a flood of made-up keys would otherwise hand a limited
   * client its budget back), and the flood itself shares one budget.
   */
  hit(bucket: string, now: number): { count: number; ttlMs: number } {
    const window = this.windows.get(bucket);
    if (window && window.startedAt + this.windowMs > now) {
      window.count++;
      return { count: window.count, ttlMs: this.windowMs - (now - window.startedAt) };
    }
    // A new window goes to the end of the map, so the map is ordered by window start.
    if (window) this.windows.delete(bucket);
    else if (this.windows.size >= this.capacity) {
      this.evictExpired(now);
      if (this.windows.size >= this.capacity && bucket !== OVERFLOW) return this.hit(OVERFLOW, now);
    }
    this.windows.set(bucket, { count: 1, startedAt: now });
    return { count: 1, ttlMs: this.windowMs };
  }

  /** The count of a bucket's open window (0 without one), without counting a request. */
  peek(bucket: string, now: number): number {
    const window = this.windows.get(bucket);
    return window && window.startedAt + this.windowMs > now ? window.count : 0;
  }

  private evictExpired(now: number): void {
    for (const [bucket, window] of this.windows) {
      if (window.startedAt + this.windowMs <= now) this.windows.delete(bucket);
      else break;
    }
  }
}

/**
 * The bucket of a request: a digest of the whole bearer token (the one authentication then looks
 * the key up by), or the client address without one. Not the key's visible prefix: whoever knows
 * a prefix could then spend another client's limit with made-up keys. A made-up key only spends
 * its own bucket (and then fails authentication).
 */
function bucketOf(request: FastifyRequest): string {
  const token = bearerOf(request);
  // The digest itself, as authentication looks the key up by it: no slice per request.
  return token ? token.hash : `ip:${request.ip}`;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "retry in 1 minute", "retry in 42 seconds": the wording clients have always been sent. */
function duration(ms: number): string {
  const [unit, size] =
    ms < MINUTE
      ? ['second', SECOND]
      : ms < HOUR
        ? ['minute', MINUTE]
        : ms < DAY
          ? ['hour', HOUR]
          : ['day', DAY];
  const n = Math.round(ms / size);
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** The quota policy's name in `RateLimit-Policy` and `RateLimit`: one quota, counted per API key. */
export const RATE_LIMIT_POLICY = 'key';

/**
 * Per-key rate limiting, advertised with the IETF RateLimit header fields
 * (draft-ietf-httpapi-ratelimit-headers-11, RFC 9651 structured fields) on every response:
 * `RateLimit-Policy: "key";q=<max>;w=<window seconds>` and `RateLimit: "key";r=<remaining>;t=<seconds
 * until the window resets>`. Past the limit, a 429 problem with `Retry-After` as well.
 */
export default fp<RateLimitOptions>(
  async (app, options) => {
    const { max } = options;
    const windows = new FixedWindows(options.timeWindowMs, options.capacity ?? 5000);
    // Failed authentications per client address: a made-up key gets its own bucket above, so
    // guessing keys is limited here, by who guesses.
    const failures = new FixedWindows(options.timeWindowMs, options.capacity ?? 5000);
    const policy = `"${RATE_LIMIT_POLICY}";q=${max};w=${Math.ceil(options.timeWindowMs / 1000)}`;
    const remaining = `"${RATE_LIMIT_POLICY}";r=`;

    const tooManyFailures = (reply: FastifyReply) => {
      reply.header('retry-after', `${Math.ceil(options.timeWindowMs / 1000)}`);
      return new ServiceError(
        'rate_limit.exceeded',
        `Too many failed authentications from this address; retry in ${duration(options.timeWindowMs)}`,
      );
    };
    /** Headers for a counted request; the 429 to throw past the limit. */
    const counted = (reply: FastifyReply, { count, ttlMs }: WindowCount): ServiceError | undefined => {
      const resetSeconds = Math.ceil(ttlMs / 1000);
      reply.header('ratelimit-policy', policy);
      reply.header('ratelimit', `${remaining}${count > max ? 0 : max - count};t=${resetSeconds}`);
      if (count <= max) return undefined;
      // Text, not a number: Node checks each header value with a regular expression, which turns a
      // number into a string first.
      reply.header('retry-after', `${resetSeconds}`);
      return new ServiceError(
        'rate_limit.exceeded',
        `Rate limit of ${max} requests exceeded; retry in ${duration(resetSeconds * 1000)}`,
      );
    };
    const countLocally = (request: FastifyRequest, reply: FastifyReply) => {
      const now = Date.now();
      if (failures.peek(`ip:${request.ip}`, now) >= options.authFailuresMax) throw tooManyFailures(reply);
      const refused = counted(reply, windows.hit(bucketOf(request), now));
      if (refused) throw refused;
    };

    if (!options.redis) {
      // An instance hook registered first in its scope: it limits before authentication and any
      // database work. A callback hook: no promise per request.
      app.addHook('onRequest', (request, reply, done) => {
        countLocally(request, reply);
        done();
      });
      app.addHook('onResponse', (request, reply, done) => {
        if (reply.statusCode === 401) failures.hit(`ip:${request.ip}`, Date.now());
        done();
      });
      return;
    }

    // Redis: one round trip per request. While Redis is away each process counts in memory
    // (its own budget per key) rather than refusing everyone or limiting no one.
    let warned = 0;
    const redis = new RedisWindows(options.redis.url, options.redis.prefix, options.timeWindowMs, (err) => {
      if (Date.now() - warned < 60_000) return;
      warned = Date.now();
      app.log.warn({ err }, 'redis (rate limits) error: counting in this process meanwhile');
    });
    app.addHook('onClose', () => redis.close());
    await redis.ready(2000);
    app.addHook('onRequest', async (request, reply) => {
      let hit: Awaited<ReturnType<RedisWindows['check']>>;
      try {
        hit = await redis.check(bucketOf(request), `failed:${request.ip}`, options.authFailuresMax);
      } catch {
        return countLocally(request, reply);
      }
      if (!hit.window) throw tooManyFailures(reply);
      const refused = counted(reply, hit.window);
      if (refused) throw refused;
    });
    app.addHook('onResponse', (request, reply, done) => {
      if (reply.statusCode === 401) {
        redis.hit(`failed:${request.ip}`).catch(() => failures.hit(`ip:${request.ip}`, Date.now()));
      }
      done();
    });
  },
  { name: 'rate-limit', fastify: '5.x' },
);
