/** How the client retries. `createClient({ retries: 0 })` turns retries off. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3, so at most 4 attempts). */
  maxRetries?: number;
  /** The first backoff step; each retry doubles it, with full jitter (default 200 ms). */
  baseDelayMs?: number;
  /** The largest backoff step (default 5 s). */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the 429/503 is thrown (default 60 s). */
  maxRetryAfterMs?: number;
  /** How to wait; tests replace it. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1) for the jitter; tests replace it. */
  random?: () => number;
}

export type Fetch = (request: Request) => Promise<Response>;

const IDEMPOTENCY_KEY = 'idempotency-key';
// Methods that may be repeated after a network failure without changing the outcome (RFC 9110
// §9.2.2). PATCH is not: a lost success would come back as a 412. POST is made safe by its
// Idempotency-Key.
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * `Retry-After` (RFC 9110 §10.2.3), either delay-seconds or an HTTP date, in milliseconds from
 * `now`; undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // HTTP dates start with a day name; Date.parse alone would also accept "-5".
  const date = /^[A-Za-z]{3}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

const isAbort = (error: unknown) =>
  error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');

/** Whether the server said the first request with this Idempotency-Key is still running. */
async function idempotencyInProgress(response: Response): Promise<boolean> {
  if (response.status !== 409 || !response.headers.get('content-type')?.includes('json')) return false;
  try {
    const body = (await response.clone().json()) as { code?: unknown };
    return body.code === 'idempotency.in_progress';
  } catch {
    return false;
  }
}

/**
 * Wraps `fetch` so that every POST carries an `Idempotency-Key` (a random UUID unless the caller
 * set one; the same key on every attempt of the call) and safe requests are retried on network
 * errors, 429, 503 and a 409 `idempotency.in_progress`, honouring `Retry-After` and otherwise
 * backing off exponentially with full jitter.
 */
export function withRetries(fetch: Fetch, options: RetryOptions = {}): Fetch {
  const maxRetries = Math.max(0, options.maxRetries ?? 3);
  const baseDelayMs = options.baseDelayMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 5000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;

  const backoff = (retry: number) => Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retry));

  return async (request) => {
    if (request.method === 'POST' && !request.headers.has(IDEMPOTENCY_KEY)) {
      request.headers.set(IDEMPOTENCY_KEY, globalThis.crypto.randomUUID());
    }
    const replayable = IDEMPOTENT_METHODS.has(request.method) || request.headers.has(IDEMPOTENCY_KEY);

    for (let retry = 0; ; retry++) {
      const last = retry >= maxRetries;
      let response: Response;
      try {
        // A clone per attempt: a body can be read only once.
        response = await fetch(last ? request : request.clone());
      } catch (error) {
        if (last || !replayable || isAbort(error) || !(error instanceof TypeError)) throw error;
        await sleep(backoff(retry), request.signal);
        continue;
      }
      if (last) return response;
      const retryable =
        response.status === 429 ||
        response.status === 503 ||
        (request.headers.has(IDEMPOTENCY_KEY) && (await idempotencyInProgress(response)));
      if (!retryable) return response;
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      if (retryAfter !== undefined && retryAfter > maxRetryAfterMs) return response;
      await response.body?.cancel();
      await sleep(retryAfter ?? backoff(retry), request.signal);
    }
  };
}
