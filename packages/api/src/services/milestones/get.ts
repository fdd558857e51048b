import { and, eq } from 'drizzle-orm';
import { milestones } from '../../db/schema/network.js';
import { ServiceError } from '../../errors.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';
import { type MilestoneView, presentMilestone } from './present.js';

/** One milestone the caller may see (the `Location` of a created one). */
export async function getMilestone({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<MilestoneView> {
  const [row] = await ctx.db
    .select()
    .from(milestones)
    .where(and(visibleStudents(ctx, milestones.tenantId, milestones.studentId), eq(milestones.id, input.id)));
  if (!row) throw new ServiceError('milestone.not_found', `No milestone ${input.id}`);
  return presentMilestone(row);
}
