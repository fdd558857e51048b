import { and, eq } from 'drizzle-orm';
import { touchpoints } from '../../db/schema/network.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';
import { keyset, type Page, type PageRequest, toPage } from '../pagination.js';
import { presentTouchpoint, type TouchpointView } from './present.js';

export async function listTouchpoints({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageRequest & { studentId?: string | undefined; contactId?: string | undefined };
}): Promise<Page<TouchpointView>> {
  const q = keyset(
    touchpoints.id,
    input,
    and(
      visibleStudents(ctx, touchpoints.tenantId, touchpoints.studentId),
      input.studentId === undefined ? undefined : eq(touchpoints.studentId, input.studentId),
      input.contactId === undefined ? undefined : eq(touchpoints.contactId, input.contactId),
    ),
  );
  const rows = await ctx.db.select().from(touchpoints).where(q.where).orderBy(q.orderBy).limit(q.limit);
  return toPage(rows, q.pageSize, presentTouchpoint);
}
