import type { CallInit, InfoviewClient, PathsWith, ResponseData } from './client.js';

/** The shape of every list the API answers: a keyset page. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** The list operations: GET paths whose response is a {@link Page}. */
export type PaginatedPath = {
  [P in PathsWith<'get'>]: ResponseData<P, 'get'> extends Page<unknown> ? P : never;
}[PathsWith<'get'>];

/** One item of the list at `path`. */
export type ItemOf<P extends PaginatedPath> = ResponseData<P, 'get'> extends Page<infer T> ? T : never;

/**
 * Every item of a list, page after page (`?cursor=` from each page's `nextCursor`), fetched lazily:
 * stop iterating and no further page is requested. `params.query.limit` sets the page size.
 *
 * @example
 * for await (const contact of paginate(iv, '/contacts', { params: { query: { studentId } } })) { … }
 */
export async function* paginate<P extends PaginatedPath>(
  client: Pick<InfoviewClient, 'get'>,
  path: P,
  init?: CallInit<P, 'get'>,
): AsyncGenerator<ItemOf<P>, void, undefined> {
  const params = (init as { params?: { query?: Record<string, unknown> } } | undefined)?.params ?? {};
  let cursor: string | undefined;
  do {
    const query = { ...params.query, ...(cursor === undefined ? {} : { cursor }) };
    const get = client.get as (path: string, init: unknown) => Promise<Page<ItemOf<P>>>;
    const page = await get(path, { ...init, params: { ...params, query } });
    yield* page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
