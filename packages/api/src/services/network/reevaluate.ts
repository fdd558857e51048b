import { type Evaluation, evaluateNetwork, type Task } from '@infoview/core';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type TaskStatus, tasks } from '../../db/schema/tasks.js';
import { newId } from '../../lib/ids.js';
import { storeAnalytics } from '../analytics/store.js';
import type { ServiceContext } from '../context.js';
import { policyFromRow, withStudentOverride } from '../policies/in-force.js';
import { type ReminderSpec, syncReminders } from '../reminders/sync.js';
import { jsonEqual } from './json-equal.js';
import { type LockedStudent, loadRuleInputs, lockStudent, type RuleInputs, type StoredTask } from './load.js';

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
 */
export async function reevaluateNetwork({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { studentId: string };
}): Promise<Evaluation | null> {
  const student = await lockStudent(ctx, input.studentId);
  if (!student) return null;
  return reevaluateLocked(ctx, student);
}

/**
 * Re-evaluates a student whose row the transaction holds locked. Round trips: one read (the
 * network, the stored tasks and waiting reminders, the policy row: see load.ts), then one for
 * the writes, sent together (tasks upserted, tasks made obsolete, reminders upserted, reminders
 * cancelled) and only those that differ — whatever the network's size; none when nothing changed;
 * then the analytics rollup (services/analytics/store.ts: one write when it changed; its read is part of the one read).
 */
export async function reevaluateLocked(ctx: ServiceContext, student: LockedStudent): Promise<Evaluation> {
  const now = ctx.now();
  const inputs = await loadRuleInputs(ctx, student, now);
  const policy = withStudentOverride(policyFromRow(ctx.tenantId, inputs.policy), student.policyOverride);
  const evaluation = evaluateNetwork(inputs.network, policy);
  await storeTasks(ctx, student.id, evaluation, inputs);
  // Last: the analytics rows it writes lock the tenant's rollup rows until the commit.
  await storeAnalytics(
    ctx,
    student.id,
    { network: inputs.network, identifiedAt: inputs.network.identifiedAt, policy },
    inputs.analytics,
  );
  return evaluation;
}

async function storeTasks(
  ctx: ServiceContext,
  studentId: string,
  evaluation: Evaluation,
  inputs: RuleInputs,
): Promise<void> {
  const now = ctx.now();
  const existingRows = inputs.tasks;
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

  // The writes touch different rows of different tables: sent together, one round trip on
  // PostgreSQL (postgres-js pipelines a transaction's statements), in order on PGlite.
  const writes: Promise<unknown>[] = [];
  if (changed.length > 0) {
    writes.push(
      ctx.db
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
        }),
    );
  }
  // Open and snoozed tasks the engine no longer derives are obsolete; completed and dismissed stay as history.
  const derivedKeys = new Set(evaluation.tasks.map((t) => t.key));
  const obsolete = existingRows
    .filter((row) => (row.status === 'open' || row.status === 'snoozed') && !derivedKeys.has(row.key))
    .map((row) => row.id);
  if (obsolete.length > 0) {
    writes.push(
      ctx.db
        .update(tasks)
        .set({ status: 'obsolete', updatedAt: now, version: sql`${tasks.version} + 1` })
        .where(
          and(
            eq(tasks.tenantId, ctx.tenantId),
            inArray(tasks.id, obsolete),
            inArray(tasks.status, ['open', 'snoozed']),
          ),
        ),
    );
  }
  writes.push(syncReminders({ ctx, input: { studentId, specs, waiting: inputs.waiting } }));
  await Promise.all(writes);
}
