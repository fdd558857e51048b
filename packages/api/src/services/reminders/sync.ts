import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { reminderDeliveries } from '../../db/schema/reminder-deliveries.js';
import {
  type ReminderKind,
  type ReminderPayload,
  type ReminderRow,
  reminders,
} from '../../db/schema/reminders.js';
import { newId } from '../../lib/ids.js';
import type { ServiceContext } from '../context.js';
import { jsonEqual } from '../network/json-equal.js';

/** One reminder the rule engine wants to exist for a student right now. */
export interface ReminderSpec {
  kind: ReminderKind;
  sourceKey: string;
  interviewId: string | null;
  dueAt: Date;
  remindAt: Date;
  payload: ReminderPayload;
}

/** A reminder row still waiting (pending, or claimed ahead of its time), as the sync compares it. */
export interface WaitingReminder {
  id: string;
  occurrence: string;
  status: ReminderRow['status'];
  remindAt: Date;
  payload: ReminderPayload;
}

/** The occurrence key: one reminder per task (or transition) and due time. */
export function occurrenceOf(sourceKey: string, dueAt: Date): string {
  return `${sourceKey}@${dueAt.toISOString()}`;
}

/**
 * Makes the student's pending reminders match `specs`, inside the caller's transaction (the
 * outbox: written with the change that made them due). New occurrences are inserted, pending
 * ones move with a snooze, and pending ones that no longer apply are cancelled. Delivered rows
 * are history and never touched. A row a dispatcher claimed ahead of its time (`delivering`,
 * `remind_at` still to come) counts as pending: moved, it goes back to waiting; cancelled, it is
 * not sent — the dispatcher looks at it again just before its time (see dispatcher.ts).
 * Only what differs is written: one read of the pending rows, then an upsert of the specs that
 * are new or changed and a cancel of the rows no spec wants — on most writes a few rows, not the
 * whole network's (the caller holds the student's row lock, so syncs of one student never interleave).
 */
export async function syncReminders({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  /** `waiting`: the rows still waiting, when the caller already read them (a re-evaluation does, with its inputs). */
  input: { studentId: string; specs: readonly ReminderSpec[]; waiting?: readonly WaitingReminder[] };
}): Promise<void> {
  const { studentId, specs } = input;
  // `now` is the tenant's clock (a test clock in a sandbox): it dates what happened. Bookkeeping
  // (ids, updated_at) uses the real clock, which the post-commit enqueue compares against.
  const now = ctx.now();
  // Claimed by a dispatcher ahead of its time and not yet due (on the tenant's clock): as good
  // as pending.
  const claimedAhead = sql`(${reminders.status} = 'delivering' and ${reminders.remindAt} > ${now.toISOString()}::timestamptz)`;
  const waiting = or(eq(reminders.status, 'pending'), claimedAhead);
  const live =
    input.waiting ??
    (await ctx.db
      .select({
        id: reminders.id,
        occurrence: reminders.occurrence,
        status: reminders.status,
        remindAt: reminders.remindAt,
        payload: reminders.payload,
      })
      .from(reminders)
      .where(
        and(
          eq(reminders.tenantId, ctx.tenantId),
          eq(reminders.studentId, studentId),
          // Notices (an import completed) are not the rules' to cancel.
          ne(reminders.kind, 'notice'),
          waiting,
        ),
      ));
  const byOccurrence = new Map(live.map((r) => [r.occurrence, r]));
  const wanted = new Set<string>();
  const changed: (typeof reminders.$inferInsert)[] = [];
  for (const s of specs) {
    const occurrence = occurrenceOf(s.sourceKey, s.dueAt);
    wanted.add(occurrence);
    const row = byOccurrence.get(occurrence);
    if (
      row?.status === 'pending' &&
      row.remindAt.getTime() === s.remindAt.getTime() &&
      jsonEqual(row.payload, s.payload)
    ) {
      continue;
    }
    changed.push({
      id: newId(),
      tenantId: ctx.tenantId,
      studentId,
      interviewId: s.interviewId,
      kind: s.kind,
      sourceKey: s.sourceKey,
      occurrence,
      dueAt: s.dueAt,
      remindAt: s.remindAt,
      payload: s.payload,
    });
  }
  // The upsert and the cancel touch different rows: sent together (one round trip on PostgreSQL).
  const writes: Promise<unknown>[] = [];
  if (changed.length > 0) {
    writes.push(
      ctx.db
        .insert(reminders)
        .values(changed)
        .onConflictDoUpdate({
          target: [reminders.tenantId, reminders.occurrence],
          set: {
            remindAt: sql`excluded.remind_at`,
            payload: sql`excluded.payload`,
            status: sql`case when ${reminders.status} in ('cancelled', 'delivering') then 'pending' else ${reminders.status} end`,
            cancelledAt: sql`case when ${reminders.status} = 'cancelled' then null else ${reminders.cancelledAt} end`,
            lockedUntil: sql`case when ${reminders.status} = 'delivering' then null else ${reminders.lockedUntil} end`,
            version: sql`${reminders.version} + 1`,
            updatedAt: sql`now()`,
          },
          // Only rows still waiting move (one claimed ahead only when its time moves); delivered
          // and in-flight rows keep their history.
          setWhere: sql`${reminders.status} in ('pending', 'cancelled') or (${claimedAhead} and ${reminders.remindAt} <> excluded.remind_at)`,
        }),
    );
  }
  const stale = live.filter((r) => !wanted.has(r.occurrence)).map((r) => r.id);
  if (stale.length > 0) writes.push(cancelStale(ctx, stale, now));
  await Promise.all(writes);
}

/**
 * Cancels the rows no spec wants, if still waiting (a dispatcher may have taken one since it
 * was read); a row claimed ahead had its delivery rows written, never attempted: they go with it.
 */
async function cancelStale(ctx: ServiceContext, stale: readonly string[], now: Date): Promise<void> {
  const claimedAhead = sql`(${reminders.status} = 'delivering' and ${reminders.remindAt} > ${now.toISOString()}::timestamptz)`;
  const cancelled = await ctx.db
    .update(reminders)
    .set({
      status: 'cancelled',
      cancelledAt: now,
      lockedUntil: null,
      updatedAt: sql`now()`,
      version: sql`${reminders.version} + 1`,
    })
    .where(
      and(
        eq(reminders.tenantId, ctx.tenantId),
        inArray(reminders.id, [...stale]),
        or(eq(reminders.status, 'pending'), claimedAhead),
      ),
    )
    .returning({ id: reminders.id, status: reminders.status });
  if (cancelled.length === 0) return;
  await ctx.db.delete(reminderDeliveries).where(
    and(
      inArray(
        reminderDeliveries.reminderId,
        cancelled.map((r) => r.id),
      ),
      eq(reminderDeliveries.attempts, 0),
    ),
  );
}
