import { eq, sql } from 'drizzle-orm';
import { imports } from '../../db/schema/imports.js';
import { ServiceError } from '../../errors.js';
import { type ServiceContext, withTransaction } from '../context.js';
import { findVisibleImport } from './find.js';
import { type ImportView, presentImport } from './present.js';

/**
 * Commits a previewed import: the runner then writes its rows in batches. Committing again (a
 * retry) returns the import as it is; a cancelled import cannot be committed.
 */
export async function commitImport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<ImportView> {
  return withTransaction(ctx, async (ctx) => {
    const job = await findVisibleImport(ctx, input.id, true);
    if (job.state === 'committing' || job.state === 'completed') return presentImport(job);
    if (job.state === 'cancelled')
      throw new ServiceError('import.finished', `Import ${job.id} was cancelled`);
    if (job.state === 'previewing')
      throw new ServiceError(
        'import.not_previewed',
        `Import ${job.id} is still being previewed (${job.done} of ${job.total} rows)`,
      );
    const [row] = await ctx.db
      .update(imports)
      .set({ state: 'committing', done: 0, afterSeq: 0, commitRequestedAt: ctx.now(), updatedAt: sql`now()` })
      .where(eq(imports.id, job.id))
      .returning();
    return presentImport(row!);
  });
}
