import { type Evaluation, evaluateNetwork, type Task } from '@infoview/core';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type TaskRow, type TaskStatus, tasks } from '../../db/schema/tasks.js';
import { newId } from '../../lib/ids.js';
import { storeAnalytics } from '../analytics/store.js';
import type { ServiceContext } from '../context.js';
import { policyForStudent } from '../policies/in-force.js';
import { type ReminderSpec, syncReminders } from '../reminders/sync.js';
import { jsonEqual } from './json-equal.js';
import { loadNetwork } from './load.js';

type StoredTask = Pick<
  TaskRow,
  'id' | 'key' | 'status' | 'dueAt' | 'snoozedUntil' | 'resolvedAt' | 'title' | 'remindAt' | 'explanation'
>;

/** The student's status of a derived task: kept while the due time stays, reopened when it moves. */
function carriedStatus(task: Task, existing: StoredTask | undefined) {
  if (!existing) return { status: 'open' as TaskStatus, snoozedUntil: null, resolvedAt: null };
  if (existing.dueAt.getTime() !== task.dueAt || existing.status === 'obsolete') {
    return { status: 'open' as TaskStatus, snoozedUntil: null, resolvedAt: null };
  }
  return { status: existing.status, snoozedUntil: existing.snoozedUntil, resolvedAt: existing.resolvedAt };
}

/**
 * Runs the rule engine over the student's whole network and stores what it derives, inside the
 * caller's transaction: tasks upserted by key (the student's completed/snoozed/dismissed status
 * survives while the due time does), tasks no longer derived marked `obsolete`, and the reminders
 * outbox synced (one reminder per open or snoozed task, one per timed transition).
 * No writer calls this itself: `withTransaction` does, before commit, for every student whose rule
 * inputs the transaction changed (see changed.ts); the tenant-wide job does it for every student.
 * Queries: 5 to load, 1 for the policy (2 when the tenant lets students override it), 1 to read the
 * tasks and 1 to read the pending reminders, then a write only for what differs (tasks upserted,
 * tasks made obsolete, reminders upserted, reminders cancelled) — whatever the network's size;
 * then the analytics rollup (services/analytics/store.ts: one read, one write when it changed).
 */
export async function reevaluateNetwork({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { studentId: string };
}): Promise<Evaluation | null> {
  const network = await loadNetwork(ctx, input.studentId);
  if (!network) return null;
  const policy = await policyForStudent(ctx, input.studentId);
  const evaluation = evaluateNetwork(network, policy);
  await storeTasks(ctx, input.studentId, evaluation);
  // Last: the analytics rows it writes lock the tenant's rollup rows until the commit.
  await storeAnalytics(ctx, input.studentId, { network, identifiedAt: network.identifiedAt, policy });
  return evaluation;
}

async function storeTasks(ctx: ServiceContext, studentId: string, evaluation: Evaluation): Promise<void> {
  const now = ctx.now();
  const existingRows: StoredTask[] = await ctx.db
    .select({
      id: tasks.id,
      key: tasks.key,
      status: tasks.status,
      dueAt: tasks.dueAt,
      snoozedUntil: tasks.snoozedUntil,
      resolvedAt: tasks.resolvedAt,
      title: tasks.title,
      remindAt: tasks.remindAt,
      explanation: tasks.explanation,
    })
    .from(tasks)
    .where(and(eq(tasks.tenantId, ctx.tenantId), eq(tasks.studentId, studentId)));
  const existing = new Map(existingRows.map((row) => [row.key, row]));

  const specs: ReminderSpec[] = [];
  const changed: (typeof tasks.$inferInsert)[] = [];
  for (const task of evaluation.tasks) {
    const before = existing.get(task.key);
    const carried = carriedStatus(task, before);
    const row = {
      id: before?.id ?? newId(now.getTime()),
      tenantId: ctx.tenantId,
      studentId,
      key: task.key,
      ruleId: task.ruleId,
      title: task.title,
      interviewId: task.interviewId,
      contactId: task.contactId,
      dueAt: new Date(task.dueAt),
      remindAt: new Date(task.remindAt),
      explanation: task.explanation,
      ...carried,
      createdAt: now,
      updatedAt: now,
    };
    const same =
      before &&
      before.status === row.status &&
      before.dueAt.getTime() === task.dueAt &&
      before.remindAt.getTime() === task.remindAt &&
      before.title === task.title &&
      jsonEqual(before.explanation, task.explanation);
    if (!same) changed.push(row);

    const remindAt =
      row.status === 'open' ? row.remindAt : row.status === 'snoozed' ? row.snoozedUntil : null;
    if (remindAt) {
      specs.push({
        kind: 'task',
        sourceKey: task.key,
        interviewId: task.interviewId,
        dueAt: row.dueAt,
        remindAt,
        payload: {
          title: task.title,
          ruleId: task.ruleId,
          contactId: task.contactId,
          explanation: { ...task.explanation },
        },
      });
    }
  }
  for (const tt of evaluation.timedTransitions) {
    const at = new Date(tt.at);
    specs.push({
      kind: 'timed_transition',
      sourceKey: tt.key,
      interviewId: tt.interviewId,
      dueAt: at,
      remindAt: at,
      payload: {
        title: 'No reply after the last attempt: the interview becomes unresponsive',
        ruleId: tt.ruleId,
        contactId: null,
        explanation: { ...tt.explanation },
      },
    });
  }

  if (changed.length > 0) {
    await ctx.db
      .insert(tasks)
      .values(changed)
      .onConflictDoUpdate({
        target: [tasks.tenantId, tasks.studentId, tasks.key],
        set: {
          ruleId: sql`excluded.rule_id`,
          title: sql`excluded.title`,
          interviewId: sql`excluded.interview_id`,
          contactId: sql`excluded.contact_id`,
          dueAt: sql`excluded.due_at`,
          remindAt: sql`excluded.remind_at`,
          explanation: sql`excluded.explanation`,
          status: sql`excluded.status`,
          snoozedUntil: sql`excluded.snoozed_until`,
          resolvedAt: sql`excluded.resolved_at`,
          version: sql`${tasks.version} + 1`,
          updatedAt: now,
        },
      });
  }
  // Open and snoozed tasks the engine no longer derives are obsolete; completed and dismissed stay as history.
  const derivedKeys = new Set(evaluation.tasks.map((t) => t.key));
  const obsolete = existingRows
    .filter((row) => (row.status === 'open' || row.status === 'snoozed') && !derivedKeys.has(row.key))
    .map((row) => row.id);
  if (obsolete.length > 0) {
    await ctx.db
      .update(tasks)
      .set({ status: 'obsolete', updatedAt: now, version: sql`${tasks.version} + 1` })
      .where(
        and(
          eq(tasks.tenantId, ctx.tenantId),
          inArray(tasks.id, obsolete),
          inArray(tasks.status, ['open', 'snoozed']),
        ),
      );
  }
  await syncReminders({ ctx, input: { studentId, specs } });
}
