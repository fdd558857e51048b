import { sql } from 'drizzle-orm';
import { reminders } from '../../db/schema/reminders.js';
import { newId } from '../../lib/ids.js';
import type { ServiceContext } from '../context.js';

export interface NoticeInput {
  studentId: string;
  /** The event's name, also the feed item's rule (`import.completed`). */
  event: string;
  /** What the notice is about, once: a second call with the same key adds nothing. */
  key: string;
  title: string;
  data: Record<string, unknown>;
}

/**
 * Tells the student (their feed) and the tenant's webhooks that something happened, through the
 * reminders outbox: a `notice` row due now, delivered by the feed and webhook channels like any
 * reminder (retries, the delivery log, exactly once), in the caller's transaction.
 */
export async function notifyStudent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: NoticeInput;
}): Promise<void> {
  const now = ctx.now();
  await ctx.db
    .insert(reminders)
    .values({
      id: newId(),
      tenantId: ctx.tenantId,
      studentId: input.studentId,
      interviewId: null,
      kind: 'notice',
      sourceKey: `${input.event}:${input.key}`,
      occurrence: `${input.event}:${input.key}`,
      dueAt: now,
      remindAt: now,
      payload: { title: input.title, ruleId: input.event, contactId: null, explanation: input.data },
      updatedAt: sql`now()`,
    })
    .onConflictDoNothing();
}
