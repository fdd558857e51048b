import { eq } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/schema/idempotency-keys.js';
import type { ServiceContext } from '../context.js';
import type { StoredResponse } from './begin.js';

/** Stores the response of the request that claimed the key, for replays. */
export async function completeIdempotentRequest({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { recordId: string; response: StoredResponse };
}): Promise<void> {
  await ctx.db
    .update(idempotencyKeys)
    .set({
      responseStatus: input.response.status,
      responseHeaders: input.response.headers,
      responseBody: input.response.body,
    })
    .where(eq(idempotencyKeys.id, input.recordId));
}
