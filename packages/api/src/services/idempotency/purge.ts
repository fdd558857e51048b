import { lt } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/schema/idempotency-keys.js';
import type { SystemContext } from '../context.js';

/** Deletes every expired Idempotency-Key record (all tenants); returns how many. */
export async function purgeExpiredIdempotencyKeys({ ctx }: { ctx: SystemContext }): Promise<number> {
  const deleted = await ctx.db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.expiresAt, ctx.now()))
    .returning({ id: idempotencyKeys.id });
  return deleted.length;
}
