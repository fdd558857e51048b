import { eq } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/schema/idempotency-keys.js';
import type { ServiceContext } from '../context.js';

/** Forgets a claim whose request failed on our side (5xx), so the client's retry runs again. */
export async function releaseIdempotentRequest({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { recordId: string };
}) {
  await ctx.db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, input.recordId));
}
