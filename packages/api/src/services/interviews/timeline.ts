import { and, asc, eq, gt } from 'drizzle-orm';
import { interviewEvents } from '../../db/schema/interviews.js';
import type { ServiceContext } from '../context.js';
import { decodeTupleCursor, type Page, type PageRequest, pageSizeOf, toTuplePage } from '../pagination.js';
import { findVisibleInterview } from './find.js';
import { presentEvent, type TimelineEventView } from './present.js';

/** The interview's timeline, oldest first, keyset on `seq`. */
export async function listTimeline({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageRequest & { id: string };
}): Promise<Page<TimelineEventView>> {
  const interview = await findVisibleInterview(ctx, input.id);
  const size = pageSizeOf(input);
  const after = input.cursor === undefined ? undefined : decodeTupleCursor(input.cursor, ['int'] as const)[0];
  const rows = await ctx.db
    .select()
    .from(interviewEvents)
    .where(
      and(
        eq(interviewEvents.tenantId, ctx.tenantId),
        eq(interviewEvents.interviewId, interview.id),
        after === undefined ? undefined : gt(interviewEvents.seq, after),
      ),
    )
    .orderBy(asc(interviewEvents.seq))
    .limit(size + 1);
  return toTuplePage(rows, size, presentEvent, (row) => [row.seq]);
}
