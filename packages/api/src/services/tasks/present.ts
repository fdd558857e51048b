import type { TaskRow, TaskStatus } from '../../db/schema/tasks.js';

export { TASK_STATUSES } from '../../db/schema/tasks.js';

export interface TaskView {
  id: string;
  studentId: string;
  key: string;
  ruleId: string;
  title: string;
  interviewId: string | null;
  contactId: string | null;
  dueAt: string;
  remindAt: string;
  status: TaskStatus;
  snoozedUntil: string | null;
  resolvedAt: string | null;
  /** Why the task exists: the rule, what its due time is measured from, the policy values, the guide. */
  explanation: {
    ruleId: string;
    summary: string;
    anchor: { name: string; at: string };
    policy: Record<string, unknown>;
    passage: string;
  };
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const presentTask = (row: TaskRow): TaskView => ({
  id: row.id,
  studentId: row.studentId,
  key: row.key,
  ruleId: row.ruleId,
  title: row.title,
  interviewId: row.interviewId,
  contactId: row.contactId,
  dueAt: row.dueAt.toISOString(),
  remindAt: row.remindAt.toISOString(),
  status: row.status,
  snoozedUntil: row.snoozedUntil?.toISOString() ?? null,
  resolvedAt: row.resolvedAt?.toISOString() ?? null,
  explanation: {
    ruleId: row.explanation.ruleId,
    summary: row.explanation.summary,
    anchor: { name: row.explanation.anchor.name, at: new Date(row.explanation.anchor.at).toISOString() },
    policy: { ...row.explanation.policy },
    passage: row.explanation.passage,
  },
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
