import { and, asc, eq, gt } from 'drizzle-orm';
import { type ImportRowStatus, importRows } from '../../db/schema/imports.js';
import type { ServiceContext } from '../context.js';
import {
  DEFAULT_PAGE_SIZE,
  decodeTupleCursor,
  encodeTupleCursor,
  MAX_PAGE_SIZE,
  type Page,
  type PageRequest,
} from '../pagination.js';
import { findVisibleImport } from './find.js';
import { type ImportRowView, presentImportRow } from './present.js';

/** The preview (or, after the commit, the outcome) row by row, in file order; `status` filters. */
export async function listImportRows({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageRequest & { id: string; status?: ImportRowStatus | undefined };
}): Promise<Page<ImportRowView>> {
  await findVisibleImport(ctx, input.id);
  const limit = Math.min(Math.max(input.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const after = input.cursor === undefined ? 0 : decodeTupleCursor(input.cursor, ['int'] as const)[0];
  const rows = await ctx.db
    .select()
    .from(importRows)
    .where(
      and(
        eq(importRows.importId, input.id),
        gt(importRows.seq, after),
        input.status ? eq(importRows.status, input.status) : undefined,
      ),
    )
    .orderBy(asc(importRows.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    data: page.map(presentImportRow),
    nextCursor: rows.length > limit ? encodeTupleCursor([page.at(-1)!.seq]) : null,
  };
}
