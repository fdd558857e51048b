import type { FeedItemRow } from '../../db/schema/feed-items.js';

export interface FeedItemView {
  id: string;
  studentId: string;
  reminderId: string;
  interviewId: string | null;
  ruleId: string;
  title: string;
  dueAt: string;
  readAt: string | null;
  createdAt: string;
}

export const presentFeedItem = (row: FeedItemRow): FeedItemView => ({
  id: row.id,
  studentId: row.studentId,
  reminderId: row.reminderId,
  interviewId: row.interviewId,
  ruleId: row.ruleId,
  title: row.title,
  dueAt: row.dueAt.toISOString(),
  readAt: row.readAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});
