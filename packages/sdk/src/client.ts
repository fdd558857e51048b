import createFetchClient, {
  type ClientPathsWithMethod,
  type Client as FetchClient,
  type FetchResponse,
  type MaybeOptionalInit,
} from 'openapi-fetch';
import { InfoviewProblem } from './errors.js';
import { EtagMemory } from './etags.js';
import { type Fetch, type RetryOptions, withRetries } from './retry.js';
import type { paths } from './schema.gen.js';

export interface ClientOptions {
  /** Where the API is served, e.g. `https://infoview.example.edu` (no trailing `/` needed). */
  baseUrl: string;
  /** An Infoview API key (`iv_live_…`), sent as `Authorization: Bearer …`. */
  apiKey: string;
  /** Integration keys: the student's `externalId`, sent as `Infoview-Acting-As` on every call. */
  actingAs?: string;
  /** A `fetch` to use instead of `globalThis.fetch` (a proxy agent, a test double). */
  fetch?: (request: Request) => Promise<Response>;
  /** Retries of network errors, 429 and 503: a number of retries (0 turns them off) or options. */
  retries?: number | RetryOptions;
  /** Remember ETags and send `If-Match` automatically (default true). */
  etags?: boolean;
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** The API paths that answer `method`, e.g. `PathsWith<'get'>` includes `/contacts/{id}`. */
export type PathsWith<M extends HttpMethod> = ClientPathsWithMethod<FetchClient<paths>, M>;

/** What a call of `method` on `path` takes: `params` (path, query, header) and `body`. */
export type CallInit<P extends keyof paths, M extends HttpMethod> = MaybeOptionalInit<paths[P], M>;

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** The init argument is optional exactly when nothing in it is required. */
type InitArgument<Init> =
  RequiredKeys<Init> extends never
    ? [(Init & { [key: string]: unknown })?]
    : [Init & { [key: string]: unknown }];

type Data<P extends keyof paths, M extends HttpMethod, Init> = Exclude<
  FetchResponse<paths[P][M] & Record<string | number, unknown>, Init, `${string}/${string}`>['data'],
  undefined
>;

/** The JSON of the 2xx response of `method` on `path` (undefined for a 204). */
export type ResponseData<P extends keyof paths, M extends HttpMethod, Init = object> = [
  Data<P, M, Init>,
] extends [never]
  ? undefined
  : Data<P, M, Init>;

/** A call that resolves to the response's data and throws {@link InfoviewProblem} on any non-2xx. */
export type Call<M extends HttpMethod> = <P extends PathsWith<M>, Init extends CallInit<P, M>>(
  path: P,
  ...init: InitArgument<Init>
) => Promise<ResponseData<P, M, Init>>;

export interface InfoviewClient {
  get: Call<'get'>;
  post: Call<'post'>;
  put: Call<'put'>;
  patch: Call<'patch'>;
  delete: Call<'delete'>;
  /**
   * The underlying openapi-fetch client: the same typed calls (`GET`, `POST`, …), resolving to
   * `{ data, response }` when you need the response's headers. Non-2xx responses throw here too.
   */
  raw: FetchClient<paths>;
  /** The ETag last seen for an API path, e.g. `etagOf('/contacts/0193…')`. */
  etagOf(path: string): string | undefined;
}

/**
 * A typed client for the Infoview API.
 *
 * @example
 * const iv = createClient({ baseUrl: 'https://infoview.example.edu', apiKey: process.env.IV_KEY! });
 * const student = await iv.post('/students', { body: { externalId: 's-1', name: 'Ada', timeZone: 'UTC' } });
 */
export function createClient(options: ClientOptions): InfoviewClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const retryOptions =
    typeof options.retries === 'number' ? { maxRetries: options.retries } : options.retries;
  const retrying = withRetries(fetch, retryOptions);
  const transport: Fetch = async (request) => {
    const response = await retrying(request);
    // 304 answers a conditional GET the caller made: not a failure.
    if (!response.ok && response.status !== 304) throw await InfoviewProblem.fromResponse(response);
    return response;
  };

  const raw = createFetchClient<paths>({
    baseUrl,
    fetch: transport,
    headers: {
      authorization: `Bearer ${options.apiKey}`,
      ...(options.actingAs === undefined ? {} : { 'infoview-acting-as': options.actingAs }),
    },
  });
  const etags = new EtagMemory(baseUrl);
  if (options.etags !== false) raw.use(etags.middleware);

  // openapi-fetch's calls resolve to { data, error, response }; errors are already thrown above.
  const call =
    (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE') =>
    async (path: string, ...init: unknown[]) => {
      const invoke = raw[method] as (path: string, ...init: unknown[]) => Promise<{ data?: unknown }>;
      return (await invoke(path, ...init)).data;
    };

  return {
    get: call('GET') as Call<'get'>,
    post: call('POST') as Call<'post'>,
    put: call('PUT') as Call<'put'>,
    patch: call('PATCH') as Call<'patch'>,
    delete: call('DELETE') as Call<'delete'>,
    raw,
    etagOf: (path) => etags.get(path),
  };
}
