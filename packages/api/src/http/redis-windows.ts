import { Redis } from 'ioredis';

/** A window's count so far (this request included) and the ms until it closes. */
export interface WindowCount {
  count: number;
  ttlMs: number;
}

/** What one limited request learns in one round trip: its address's failures and its bucket's window. */
export interface RedisHit {
  failures: number;
  /** Null when the address is over its failure limit: the request was refused before it counted. */
  window: WindowCount | null;
}

// INCR, and the window's expiry set by the request that opened it: the fixed windows of
// @fastify/rate-limit's Redis store, atomic in one script. A key without a TTL (a crash between
// the two calls cannot happen in a script, but an operator's PERSIST can) gets one again.
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

// The request's address first: over its failure limit, the request is refused and counts nowhere.
const LIMIT = `
local failures = tonumber(redis.call('GET', KEYS[2]) or '0')
if failures >= tonumber(ARGV[2]) then return {failures, -1, -1} end
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {failures, count, ttl}`;

type Scripted = Redis & {
  rateLimitHit(key: string, windowMs: number): Promise<[number, number]>;
  rateLimitCheck(
    key: string,
    failuresKey: string,
    windowMs: number,
    failuresMax: number,
  ): Promise<[number, number, number]>;
};

/**
 * Rate-limit windows kept in Redis, so every API process spends one budget per key. Keys expire
 * with their window (Redis never needs to evict one: run it with `maxmemory-policy noeviction`,
 * as BullMQ requires anyway). Calls fail fast when Redis is away; the caller then counts locally.
 */
export class RedisWindows {
  private readonly redis: Scripted;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly windowMs: number,
    onError: (err: Error) => void,
  ) {
    this.redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
    }) as Scripted;
    this.redis.on('error', onError);
    this.redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT });
    this.redis.defineCommand('rateLimitCheck', { numberOfKeys: 2, lua: LIMIT });
  }

  /** Resolves once connected (or after `timeoutMs`: requests meanwhile count locally). */
  ready(timeoutMs: number): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.redis.once('ready', done);
    });
  }

  /** Counts a request in `bucket`'s window unless `failuresBucket` is at `failuresMax`. */
  async check(bucket: string, failuresBucket: string, failuresMax: number): Promise<RedisHit> {
    const [failures, count, ttlMs] = await this.redis.rateLimitCheck(
      this.key(bucket),
      this.key(failuresBucket),
      this.windowMs,
      failuresMax,
    );
    return { failures, window: count < 0 ? null : { count, ttlMs } };
  }

  async hit(bucket: string): Promise<WindowCount> {
    const [count, ttlMs] = await this.redis.rateLimitHit(this.key(bucket), this.windowMs);
    return { count, ttlMs };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private key(bucket: string): string {
    return `${this.prefix}:${bucket}`;
  }
}
