import { eq, sql } from 'drizzle-orm';
import { imports } from '../../db/schema/imports.js';
import { ServiceError } from '../../errors.js';
import { type ServiceContext, withTransaction } from '../context.js';
import { findVisibleImport } from './find.js';
import { type ImportView, presentImport } from './present.js';

/**
 * Cancels an import before it completes: the runner does no further batch (it takes the job's
 * row lock, so a batch in progress finishes first). Rows a commit already wrote stay written.
 */
export async function cancelImport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<ImportView> {
  return withTransaction(ctx, async (ctx) => {
    const job = await findVisibleImport(ctx, input.id, true);
    if (job.state === 'cancelled') return presentImport(job);
    if (job.state === 'completed')
      throw new ServiceError('import.finished', `Import ${job.id} is already completed`);
    const [row] = await ctx.db
      .update(imports)
      .set({ state: 'cancelled', finishedAt: ctx.now(), updatedAt: sql`now()` })
      .where(eq(imports.id, job.id))
      .returning();
    return presentImport(row!);
  });
}
