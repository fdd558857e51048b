import type { ServiceContext } from '../context.js';
import { findVisibleImport } from './find.js';
import { type ImportView, presentImport } from './present.js';

/** An import's progress: its state, counts per class and percent of the current phase. */
export async function getImport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<ImportView> {
  return presentImport(await findVisibleImport(ctx, input.id));
}
