import type { MilestoneKind } from '@infoview/core';
import { milestones } from '../../db/schema/network.js';
import { newId } from '../../lib/ids.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { findVisibleStudent } from '../students/find.js';
import { type MilestoneView, presentMilestone } from './present.js';

/** A student outcome; every contact they interviewed gets a "tell them your news" task. */
export async function createMilestone({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: {
    studentId: string;
    kind: MilestoneKind;
    at?: string | undefined;
    description?: string | null | undefined;
  };
}): Promise<MilestoneView> {
  requireRole(ctx, 'admin', 'integration', 'student');
  return withTransaction(ctx, async (ctx) => {
    const student = await findVisibleStudent(ctx, input.studentId);
    const now = ctx.now();
    const [row] = await ctx.db
      .insert(milestones)
      .values({
        id: newId(now.getTime()),
        tenantId: ctx.tenantId,
        studentId: student.id,
        kind: input.kind,
        at: input.at === undefined ? now : new Date(input.at),
        description: input.description ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return presentMilestone(row!);
  });
}
