import { createClient, type InfoviewClient, type ItemOf, type PaginatedPath, paginate } from '@infoview/sdk';

/** The codes of a 401 that a fresh session secret cures: the secret ran out or was revoked. */
export const SESSION_REFRESH_CODES: ReadonlySet<string> = new Set(['session.expired', 'session.revoked']);

export interface ConnectionOptions {
  /** Where the Infoview API is served, e.g. `https://infoview.example.edu`. */
  baseUrl: string;
  /**
   * The host's callback: asks the portal's own server for a session secret (the server calls
   * `POST /sessions` with its key) and resolves to `clientSecret`. Called at the first request and
   * again whenever the API says the secret expired or was revoked.
   */
  fetchClientSecret: () => Promise<string>;
  /** A `fetch` to use instead of the page's (tests, proxies). */
  fetch?: (request: Request) => Promise<Response>;
}

type Student = ItemOf<'/students'>;

/** Whether a 401 response is a session expiry or revocation (reads a clone: the body stays unread). */
async function isSessionEnd(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  try {
    const body = (await response.clone().json()) as { code?: unknown };
    return typeof body.code === 'string' && SESSION_REFRESH_CODES.has(body.code);
  } catch {
    return false;
  }
}

/**
 * One student's link to the API, shared by every component on the page: the `@infoview/sdk`
 * client with the current session secret as its bearer token. When the API answers that the
 * secret expired or was revoked, it asks the host for a new one and sends the same request once
 * more (same body, same Idempotency-Key), so nothing the student was saving is lost.
 *
 * It is also an EventTarget: after every successful write it dispatches `change`, so every
 * component on the connection shows fresh data without the host wiring them together.
 */
export class InfoviewConnection extends EventTarget {
  readonly client: InfoviewClient;
  readonly baseUrl: string;
  readonly #fetchClientSecret: () => Promise<string>;
  readonly #fetch: (request: Request) => Promise<Response>;
  #secret: Promise<string> | undefined;
  #student: Promise<Student> | undefined;
  #changeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: ConnectionOptions) {
    super();
    this.baseUrl = options.baseUrl;
    this.#fetchClientSecret = options.fetchClientSecret;
    this.#fetch = options.fetch ?? ((request) => globalThis.fetch(request));
    this.client = createClient({
      baseUrl: options.baseUrl,
      // Replaced on every request by the current session secret (see #send).
      apiKey: 'session',
      fetch: (request) => this.#send(request),
    });
  }

  #currentSecret(): Promise<string> {
    if (!this.#secret) {
      const pending = this.#fetchClientSecret();
      this.#secret = pending;
      // A failed fetch is not remembered: the next request asks the host again.
      pending.catch(() => {
        if (this.#secret === pending) this.#secret = undefined;
      });
    }
    return this.#secret;
  }

  /** Drops the secret held: the next request asks `fetchClientSecret` again (e.g. another user signed in). */
  forgetSecret(): void {
    this.#secret = undefined;
    this.#student = undefined;
  }

  /** A new secret, unless another request already renewed the one that failed. */
  #renew(failed: Promise<string>): Promise<string> {
    if (this.#secret === failed) this.#secret = undefined;
    return this.#currentSecret();
  }

  async #send(request: Request): Promise<Response> {
    const again = request.clone();
    const secret = this.#currentSecret();
    const first = await this.#attempt(request, await secret);
    if (!(await isSessionEnd(first))) return this.#after(request, first);
    await first.body?.cancel();
    const second = await this.#attempt(again, await this.#renew(secret));
    return this.#after(again, second);
  }

  #attempt(request: Request, secret: string): Promise<Response> {
    request.headers.set('authorization', `Bearer ${secret}`);
    return this.#fetch(request);
  }

  #after(request: Request, response: Response): Response {
    if (response.ok && request.method !== 'GET' && request.method !== 'HEAD') {
      // One `change` per burst of writes (a contact and its interview are two POSTs).
      clearTimeout(this.#changeTimer);
      this.#changeTimer = setTimeout(() => this.dispatchEvent(new Event('change')), 30);
    }
    return response;
  }

  /** The student the session (or key) belongs to: the one student it can see. */
  student(): Promise<Student> {
    if (!this.#student) {
      const pending = this.client.get('/students', { params: { query: { limit: 2 } } }).then((page) => {
        const [only, other] = page.data;
        if (!only || other) throw new Error('This credential is not a single student’s');
        return only;
      });
      this.#student = pending;
      pending.catch(() => {
        if (this.#student === pending) this.#student = undefined;
      });
    }
    return this.#student;
  }

  /** Every item of a list, all pages. */
  async all<P extends PaginatedPath>(path: P, query: Record<string, unknown> = {}): Promise<ItemOf<P>[]> {
    const items: ItemOf<P>[] = [];
    const init = { params: { query: { limit: 200, ...query } } } as Parameters<typeof paginate<P>>[2];
    for await (const item of paginate(this.client, path, init)) items.push(item);
    return items;
  }
}
