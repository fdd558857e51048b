import { and, eq, isNull } from 'drizzle-orm';
import { feedItems } from '../../db/schema/feed-items.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';
import { keyset, type Page, type PageRequest, toPage } from '../pagination.js';
import { type FeedItemView, presentFeedItem } from './present.js';

/** The in-app feed, oldest first: a student sees theirs; staff keys name the student. */
export async function listFeed({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: PageRequest & { studentId?: string | undefined; unread?: boolean | undefined };
}): Promise<Page<FeedItemView>> {
  const q = keyset(
    feedItems.id,
    input,
    and(
      visibleStudents(ctx, feedItems.tenantId, feedItems.studentId),
      input.studentId ? eq(feedItems.studentId, input.studentId) : undefined,
      input.unread ? isNull(feedItems.readAt) : undefined,
    ),
  );
  const rows = await ctx.db.select().from(feedItems).where(q.where).orderBy(q.orderBy).limit(q.limit);
  return toPage(rows, q.pageSize, presentFeedItem);
}
