import { advisors } from '../../db/schema/advisors.js';
import { newId } from '../../lib/ids.js';
import { requireRole, type ServiceContext } from '../context.js';
import { type AdvisorView, presentAdvisor } from './present.js';

export async function createAdvisor({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { name: string; email?: string | null | undefined };
}): Promise<AdvisorView> {
  requireRole(ctx, 'admin');
  const now = ctx.now();
  const [row] = await ctx.db
    .insert(advisors)
    .values({
      id: newId(now.getTime()),
      tenantId: ctx.tenantId,
      name: input.name,
      email: input.email ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return presentAdvisor(row!);
}
