import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { ServiceContext } from '../context.js';

/** Rows per query of an export: what is held in memory at once, whatever the student's size. */
export const EXPORT_PAGE = 500;

interface StudentOwned {
  id: PgColumn;
  tenantId: PgColumn;
  studentId: PgColumn;
}

/**
 * Every row of a student-owned table, a page at a time in id order (keyset, so each page is an
 * index range and nothing is skipped or repeated while the export runs).
 */
export async function* pagesOf<Row extends { id: string }>(
  ctx: ServiceContext,
  table: PgTable & StudentOwned,
  studentId: string,
  extra?: SQL,
): AsyncGenerator<Row[]> {
  const fetch = (after: string | undefined) =>
    ctx.db
      .select()
      .from(table as PgTable)
      .where(
        and(
          eq(table.tenantId, ctx.tenantId),
          eq(table.studentId, studentId),
          after === undefined ? undefined : gt(table.id, after),
          extra,
        ),
      )
      .orderBy(asc(table.id))
      .limit(EXPORT_PAGE) as unknown as Promise<Row[]>;
  // The next page is read while the caller writes out this one: two pages in memory at most.
  let next = fetch(undefined);
  for (;;) {
    const page = await next;
    const full = page.length === EXPORT_PAGE;
    if (full) {
      next = fetch(page.at(-1)!.id);
      // An export the client abandons never awaits it: its failure must not go unhandled.
      next.catch(() => {});
    }
    if (page.length > 0) yield page;
    if (!full) return;
  }
}
