import { eq } from 'drizzle-orm';
import { doNotContactEntries } from '../../db/schema/do-not-contact.js';
import { requireRole, type ServiceContext } from '../context.js';
import { keyset, type Page, type PageRequest, toPage } from '../pagination.js';
import { type DoNotContactView, presentDoNotContact } from './present.js';

/** The tenant's list, newest id last: ids, kinds and reasons only (the values are not kept in clear). */
export async function listDoNotContact({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageRequest;
}): Promise<Page<DoNotContactView>> {
  requireRole(ctx, 'admin');
  const q = keyset(doNotContactEntries.id, input, eq(doNotContactEntries.tenantId, ctx.tenantId));
  const rows = await ctx.db
    .select()
    .from(doNotContactEntries)
    .where(q.where)
    .orderBy(q.orderBy)
    .limit(q.limit);
  return toPage(rows, q.pageSize, presentDoNotContact);
}
