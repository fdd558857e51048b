import { and, eq, isNull, sql } from 'drizzle-orm';
import { apiKeys } from '../../db/schema/api-keys.js';
import { ServiceError } from '../../errors.js';
import { requireRole, type ServiceContext } from '../context.js';

/**
 * Revokes a key at once; revoking a revoked key is a no-op (DELETE is idempotent). True when this
 * call revoked it (the database then announces it to every API process).
 */
export async function revokeApiKey({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<boolean> {
  requireRole(ctx, 'admin');
  const [row] = await ctx.db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, ctx.tenantId), eq(apiKeys.id, input.id)));
  if (!row) throw new ServiceError('api_key.not_found', `No API key ${input.id}`);
  // Real time: when a key stopped working is an audit fact, whatever a sandbox's test clock says.
  const now = new Date();
  const revoked = await ctx.db
    .update(apiKeys)
    .set({ revokedAt: now, updatedAt: now, version: sql`${apiKeys.version} + 1` })
    .where(and(eq(apiKeys.tenantId, ctx.tenantId), eq(apiKeys.id, input.id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return revoked.length > 0;
}
