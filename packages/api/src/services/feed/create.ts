import { sql } from 'drizzle-orm';
import { feedItems } from '../../db/schema/feed-items.js';
import { students } from '../../db/schema/students.js';
import { newId } from '../../lib/ids.js';
import type { ServiceContext } from '../context.js';

/** A feed item as a delivered reminder writes it. */
export interface NewFeedItem {
  studentId: string;
  reminderId: string;
  interviewId: string | null;
  ruleId: string;
  title: string;
  dueAt: Date;
}

/**
 * Puts reminders in their students' feeds: one item per reminder, whoever writes it how often
 * (a retried delivery finds its item there and adds none), so the feed shows each reminder once.
 * One statement for any number of items (a JSON parameter: the text is the same for 1 or 1,000).
 */
export async function createFeedItems({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { items: readonly NewFeedItem[] };
}): Promise<void> {
  if (input.items.length === 0) return;
  const now = ctx.now().getTime();
  const rows = input.items.map((item) => ({
    id: newId(now),
    student_id: item.studentId,
    reminder_id: item.reminderId,
    interview_id: item.interviewId,
    rule_id: item.ruleId,
    title: item.title,
    due_at: item.dueAt.toISOString(),
  }));
  await ctx.db.execute(sql`
    insert into ${feedItems} (id, tenant_id, student_id, reminder_id, interview_id, rule_id, title, due_at)
    select v.id, ${ctx.tenantId}::uuid, v.student_id, v.reminder_id, v.interview_id, v.rule_id, v.title, v.due_at
      from json_to_recordset(${JSON.stringify(rows)}::json)
        as v(id uuid, student_id uuid, reminder_id uuid, interview_id uuid, rule_id text, title text,
             due_at timestamptz)
      -- Only the context's tenant's students: an item never lands in another tenant's feed.
      join ${students} as s on s.id = v.student_id and s.tenant_id = ${ctx.tenantId}::uuid
    on conflict (reminder_id) do nothing`);
}
