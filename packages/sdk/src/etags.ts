import type { Middleware } from 'openapi-fetch';
import { IF_MATCH_OPERATIONS } from './operations.gen.js';

const MAX_REMEMBERED = 1000;

/** A URL without its query: the key of a resource. */
const resourceKey = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
};

/**
 * The resource a lifecycle `POST` acts on, whose ETag it sends and gets back: its path up to the
 * last path parameter (`/interviews/{id}/meeting/cancel` → `/interviews/1`).
 */
const actionTargetKey = (url: string, schemaPath: string) => {
  const segments = schemaPath.split('/');
  const last = segments.findLastIndex((segment) => segment.startsWith('{'));
  const drop = last < 0 ? 0 : segments.length - 1 - last;
  return resourceKey(url)
    .split('/')
    .slice(0, drop === 0 ? undefined : -drop)
    .join('/');
};

/**
 * The last `ETag` seen per resource URL, bounded (least recently seen forgotten first), and the
 * middleware that fills it from responses and sends it as `If-Match` on the operations that
 * declare that header, unless the call sets one: a PATCH or PUT sends the ETag of its own URL, a
 * lifecycle POST that of the resource it acts on; a DELETE sends only the one it is given.
 */
export class EtagMemory {
  readonly #etags = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  /** The ETag last seen for an API path such as `/contacts/0193…`. */
  get(path: string): string | undefined {
    return this.#etags.get(resourceKey(this.baseUrl + path));
  }

  #remember(key: string, etag: string) {
    this.#etags.delete(key);
    this.#etags.set(key, etag);
    if (this.#etags.size > MAX_REMEMBERED) {
      const oldest = this.#etags.keys().next().value;
      if (oldest !== undefined) this.#etags.delete(oldest);
    }
  }

  readonly middleware: Middleware = {
    onRequest: ({ request, schemaPath }) => {
      const { method } = request;
      if (method === 'DELETE' || request.headers.has('if-match')) return;
      if (!IF_MATCH_OPERATIONS.has(`${method} ${schemaPath}`)) return;
      const key = method === 'POST' ? actionTargetKey(request.url, schemaPath) : resourceKey(request.url);
      const etag = this.#etags.get(key);
      if (etag) request.headers.set('if-match', etag);
    },
    onResponse: ({ request, response, schemaPath, options }) => {
      if (!response.ok) return;
      const { method } = request;
      if (method === 'DELETE') {
        this.#etags.delete(resourceKey(request.url));
        return;
      }
      const etag = response.headers.get('etag');
      if (!etag) return;
      const location = response.headers.get('location');
      if (location) {
        // API paths (and so Location) are relative to the server URL, i.e. the client's baseUrl.
        this.#remember(
          resourceKey(
            location.startsWith('/') ? options.baseUrl + location : new URL(location, request.url).href,
          ),
          etag,
        );
      } else if (method !== 'POST') {
        this.#remember(resourceKey(request.url), etag);
      } else if (IF_MATCH_OPERATIONS.has(`${method} ${schemaPath}`)) {
        this.#remember(actionTargetKey(request.url, schemaPath), etag);
      }
    },
  };
}
