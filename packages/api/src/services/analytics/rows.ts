/** The rows of a raw statement's result, whichever driver ran it (postgres-js: an array; PGlite: `.rows`). */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}
