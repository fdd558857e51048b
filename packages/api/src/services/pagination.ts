import { and, asc, gt, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { ServiceError } from '../errors.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** What a list asks for: up to `limit` rows after the opaque `cursor`. */
export interface PageRequest {
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface Page<T> {
  data: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Cursors are base64url JSON `["<last id>"]`: opaque to clients, extensible by us. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify([lastId])).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && UUID.test(value[0])) return value[0];
  } catch {
    // fall through to the error below
  }
  throw new ServiceError('request.invalid_cursor', 'cursor is not a cursor this API returned', {
    errors: [{ path: '/querystring/cursor', message: 'is not a valid cursor' }],
  });
}

/**
 * Keyset pagination on a time-ordered id (UUIDv7): `where id > :last order by id limit n+1`,
 * so page 1000 costs what page 1 does.
 */
export function keyset(idColumn: PgColumn, page: PageRequest, where: SQL | undefined) {
  const limit = Math.min(Math.max(page.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const after = page.cursor === undefined ? undefined : gt(idColumn, decodeCursor(page.cursor));
  return { where: and(where, after), orderBy: asc(idColumn), limit: limit + 1, pageSize: limit };
}

/** Cuts the extra row that `keyset` fetched and makes the next cursor from the last id (`idOf`, `row.id` by default). */
export function toPage<R, T>(
  rows: R[],
  pageSize: number,
  present: (row: R) => T,
  idOf: (row: R) => string = (row) => (row as { id: string }).id,
): Page<T> {
  const hasMore = rows.length > pageSize;
  const pageRows = hasMore ? rows.slice(0, pageSize) : rows;
  const last = pageRows.at(-1);
  return { data: pageRows.map(present), nextCursor: hasMore && last ? encodeCursor(idOf(last)) : null };
}

/** One key of a composite cursor: a UUID, an ISO instant, or a non-negative integer. */
export type CursorKey = 'uuid' | 'instant' | 'int';

const invalidCursor = () =>
  new ServiceError('request.invalid_cursor', 'cursor is not a cursor this API returned', {
    errors: [{ path: '/querystring/cursor', message: 'is not a valid cursor' }],
  });

/** Cursors over several keys, e.g. `[dueAt ISO, id]` for a list ordered by due time. */
export function encodeTupleCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a tuple cursor and checks each value against its expected kind. */
export function decodeTupleCursor<const K extends readonly CursorKey[]>(
  cursor: string,
  kinds: K,
): { [I in keyof K]: K[I] extends 'int' ? number : K[I] extends 'instant' ? Date : string } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(value) || value.length !== kinds.length) throw invalidCursor();
  return kinds.map((kind, i) => {
    const v: unknown = value[i];
    if (kind === 'uuid' && typeof v === 'string' && UUID.test(v)) return v;
    if (kind === 'int' && Number.isSafeInteger(v) && (v as number) >= 0) return v;
    if (kind === 'instant' && typeof v === 'string' && v.length <= 40) {
      const d = new Date(v);
      if (!Number.isNaN(d.getTime())) return d;
    }
    throw invalidCursor();
  }) as never;
}

/** The page size a list asks for, clamped to 1–MAX_PAGE_SIZE. */
export function pageSizeOf(page: PageRequest): number {
  return Math.min(Math.max(page.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
}

/** Like {@link toPage} for lists ordered by more than the id: `cursorOf` makes the next cursor. */
export function toTuplePage<R, T>(
  rows: R[],
  pageSize: number,
  present: (row: R) => T,
  cursorOf: (row: R) => (string | number)[],
): Page<T> {
  const hasMore = rows.length > pageSize;
  const pageRows = hasMore ? rows.slice(0, pageSize) : rows;
  const last = pageRows.at(-1);
  return {
    data: pageRows.map(present),
    nextCursor: hasMore && last !== undefined ? encodeTupleCursor(cursorOf(last)) : null,
  };
}
