import { and, eq, sql } from 'drizzle-orm';
import { feedItems } from '../../db/schema/feed-items.js';
import { ServiceError } from '../../errors.js';
import { visibleStudents } from '../access.js';
import { requireRole, type ServiceContext } from '../context.js';
import { type FeedItemView, presentFeedItem } from './present.js';

/** Marks a feed item read (again is a no-op); the student, or a portal acting for them. */
export async function markFeedItemRead({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<FeedItemView> {
  requireRole(ctx, 'student', 'integration', 'admin');
  const now = ctx.now();
  const where = and(
    visibleStudents(ctx, feedItems.tenantId, feedItems.studentId),
    eq(feedItems.id, input.id),
  );
  const [row] = await ctx.db
    .update(feedItems)
    .set({
      readAt: sql`coalesce(${feedItems.readAt}, ${now.toISOString()}::timestamptz)`,
      updatedAt: now,
      version: sql`${feedItems.version} + 1`,
    })
    .where(where)
    .returning();
  if (!row) throw new ServiceError('feed_item.not_found', `No feed item ${input.id}`);
  return presentFeedItem(row);
}
