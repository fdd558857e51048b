import { eq } from 'drizzle-orm';
import { advisors } from '../../db/schema/advisors.js';
import { requireRole, type ServiceContext } from '../context.js';
import { keyset, type Page, type PageRequest, toPage } from '../pagination.js';
import { type AdvisorView, presentAdvisor } from './present.js';

export async function listAdvisors({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageRequest;
}): Promise<Page<AdvisorView>> {
  requireRole(ctx, 'admin');
  const q = keyset(advisors.id, input, eq(advisors.tenantId, ctx.tenantId));
  const rows = await ctx.db.select().from(advisors).where(q.where).orderBy(q.orderBy).limit(q.limit);
  return toPage(rows, q.pageSize, presentAdvisor);
}
