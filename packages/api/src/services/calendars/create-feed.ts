import { and, eq, isNull, sql } from 'drizzle-orm';
import { calendarFeeds } from '../../db/schema/calendar-feeds.js';
import { newId } from '../../lib/ids.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { findVisibleStudent } from '../students/find.js';
import { feedPath, generateFeedToken, hashFeedToken } from './feed-token.js';

export interface CreatedCalendarFeed {
  id: string;
  studentId: string;
  /** Shown this once: only its hash is kept. */
  token: string;
  /** The path to subscribe to (`webcal://` or `https://` + the API's host). */
  path: string;
  version: number;
  createdAt: string;
}

/**
 * A new subscription feed for a student (admin, integration, or the student): the token is shown
 * once, and a feed the student had before is revoked, so the new URL is the only one that works.
 */
export async function createCalendarFeed({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { studentId: string };
}): Promise<CreatedCalendarFeed> {
  requireRole(ctx, 'admin', 'integration', 'student');
  return withTransaction(ctx, async (ctx) => {
    const student = await findVisibleStudent(ctx, input.studentId);
    await revokeFeedsOf(ctx, student.id);
    const token = generateFeedToken();
    const now = ctx.now();
    const [row] = await ctx.db
      .insert(calendarFeeds)
      .values({
        id: newId(now.getTime()),
        tenantId: ctx.tenantId,
        studentId: student.id,
        hash: hashFeedToken(token),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return {
      id: row!.id,
      studentId: student.id,
      token,
      path: feedPath(token),
      version: row!.version,
      createdAt: row!.createdAt.toISOString(),
    };
  });
}

/** Revokes the student's live feeds; how many there were. */
export async function revokeFeedsOf(ctx: ServiceContext, studentId: string): Promise<number> {
  // Real time: when a URL stopped working is an audit fact, whatever a sandbox's test clock says.
  const now = new Date();
  const revoked = await ctx.db
    .update(calendarFeeds)
    .set({ revokedAt: now, updatedAt: now, version: sql`${calendarFeeds.version} + 1` })
    .where(
      and(
        eq(calendarFeeds.tenantId, ctx.tenantId),
        eq(calendarFeeds.studentId, studentId),
        isNull(calendarFeeds.revokedAt),
      ),
    )
    .returning({ id: calendarFeeds.id });
  return revoked.length;
}
