import { and, eq, isNull, sql } from 'drizzle-orm';
import { sessions } from '../../db/schema/sessions.js';
import { ServiceError } from '../../errors.js';
import { requireRole, type ServiceContext } from '../context.js';

/** Ends a session at once (its next request is a 401 `session.revoked`); revoking twice is a no-op. */
export async function revokeSession({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<void> {
  requireRole(ctx, 'admin', 'integration');
  const [row] = await ctx.db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.tenantId, ctx.tenantId), eq(sessions.id, input.id)));
  if (!row) throw new ServiceError('session.not_found', `No session ${input.id}`);
  await ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.now(), updatedAt: ctx.now(), version: sql`${sessions.version} + 1` })
    .where(and(eq(sessions.tenantId, ctx.tenantId), eq(sessions.id, input.id), isNull(sessions.revokedAt)));
}
