import { and, eq } from 'drizzle-orm';
import { advisors } from '../../db/schema/advisors.js';
import { ServiceError } from '../../errors.js';
import type { ServiceContext } from '../context.js';

export async function findAdvisor(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db
    .select()
    .from(advisors)
    .where(and(eq(advisors.tenantId, ctx.tenantId), eq(advisors.id, id)));
  if (!row) throw new ServiceError('advisor.not_found', `No advisor ${id}`);
  return row;
}
