import { and, eq } from 'drizzle-orm';
import { doNotContactEntries } from '../../db/schema/do-not-contact.js';
import { ServiceError } from '../../errors.js';
import { requireRole, type ServiceContext } from '../context.js';

/** An admin removes an entry (the professional agreed to be contacted again). */
export async function removeDoNotContact({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<void> {
  requireRole(ctx, 'admin');
  const deleted = await ctx.db
    .delete(doNotContactEntries)
    .where(and(eq(doNotContactEntries.tenantId, ctx.tenantId), eq(doNotContactEntries.id, input.id)))
    .returning({ id: doNotContactEntries.id });
  if (deleted.length === 0)
    throw new ServiceError('do_not_contact.not_found', `No do-not-contact entry ${input.id}`);
}
