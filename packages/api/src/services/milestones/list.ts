import { and, eq } from 'drizzle-orm';
import { milestones } from '../../db/schema/network.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';
import { keyset, type Page, type PageRequest, toPage } from '../pagination.js';
import { type MilestoneView, presentMilestone } from './present.js';

export async function listMilestones({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageRequest & { studentId?: string | undefined };
}): Promise<Page<MilestoneView>> {
  const q = keyset(
    milestones.id,
    input,
    and(
      visibleStudents(ctx, milestones.tenantId, milestones.studentId),
      input.studentId === undefined ? undefined : eq(milestones.studentId, input.studentId),
    ),
  );
  const rows = await ctx.db.select().from(milestones).where(q.where).orderBy(q.orderBy).limit(q.limit);
  return toPage(rows, q.pageSize, presentMilestone);
}
