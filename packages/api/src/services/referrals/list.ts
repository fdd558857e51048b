import { and, eq } from 'drizzle-orm';
import { referrals } from '../../db/schema/network.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';
import { keyset, type Page, type PageRequest, toPage } from '../pagination.js';
import { presentReferral, type ReferralView } from './present.js';

export async function listReferrals({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageRequest & { studentId?: string | undefined; interviewId?: string | undefined };
}): Promise<Page<ReferralView>> {
  const q = keyset(
    referrals.id,
    input,
    and(
      visibleStudents(ctx, referrals.tenantId, referrals.studentId),
      input.studentId === undefined ? undefined : eq(referrals.studentId, input.studentId),
      input.interviewId === undefined ? undefined : eq(referrals.interviewId, input.interviewId),
    ),
  );
  const rows = await ctx.db.select().from(referrals).where(q.where).orderBy(q.orderBy).limit(q.limit);
  return toPage(rows, q.pageSize, presentReferral);
}
