import { eq } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/schema/idempotency-keys.js';
import type { ServiceContext } from '../context.js';
import type { StoredResponse } from './begin.js';
import { withholdSecret } from './withhold-secret.js';

/** Stores the response of the request that claimed the key, for replays: never its secret. */
export async function completeIdempotentRequest({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { recordId: string; response: StoredResponse };
}): Promise<void> {
  const { body, withheld } = withholdSecret(input.response.body);
  await ctx.db
    .update(idempotencyKeys)
    .set({
      responseStatus: input.response.status,
      responseHeaders: input.response.headers,
      responseBody: body,
      secretWithheld: withheld,
    })
    .where(eq(idempotencyKeys.id, input.recordId));
}
