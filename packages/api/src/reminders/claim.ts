import { and, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type ReminderRow, reminders } from '../db/schema/reminders.js';
import { testClocks } from '../db/schema/test-clocks.js';

export interface ClaimOptions {
  /** Real time: leases are about processes, not about a tenant's simulated clock. */
  now: Date;
  /**
   * Real-time reminders due by this instant are claimed (default `now`): a little ahead lets
   * the claim, the loading and the delivery rows happen before the reminder falls due, and the
   * dispatcher then waits for `remind_at` before sending anything.
   */
  dueBy?: Date;
  leaseMs: number;
  limit: number;
  tenantId?: string | undefined;
}

/**
 * Claims due reminders: pending ones whose `remind_at` has passed on their tenant's clock (real
 * time, or a sandbox's test clock), and in-flight ones whose holder's lease ran out (a crashed
 * dispatcher, or a channel retry falling due). `FOR UPDATE SKIP LOCKED` lets any number of
 * dispatchers claim side by side without taking the same row; `attempts` is the fencing token
 * the holder settles with. Three statements rather than one OR, so each walks an index
 * (`status, remind_at`) instead of scanning every pending row.
 */
/** A claimed row, and the real-time instant before which nothing may be sent (0: none). */
export type ClaimedReminder = ReminderRow & { notBefore: number };

export async function claimDueReminders(db: Db, options: ClaimOptions): Promise<ClaimedReminder[]> {
  const { now } = options;
  const tenant = options.tenantId ? eq(reminders.tenantId, options.tenantId) : undefined;
  const sources = [
    // Real-time tenants (all real tenants): the due prefix of the pending index.
    () =>
      db
        .select({ id: reminders.id })
        .from(reminders)
        .where(
          and(
            eq(reminders.status, 'pending'),
            lte(reminders.remindAt, options.dueBy ?? now),
            sql`not exists (select 1 from ${testClocks} where ${testClocks.tenantId} = ${reminders.tenantId})`,
            tenant,
          ),
        ),
    // Leases run out: a crashed holder, or a channel retry falling due.
    () =>
      db
        .select({ id: reminders.id })
        .from(reminders)
        .where(and(eq(reminders.status, 'delivering'), lt(reminders.lockedUntil, now), tenant)),
    // Sandbox tenants on a test clock: due on their simulated time.
    () =>
      db
        .select({ id: reminders.id })
        .from(reminders)
        .innerJoin(testClocks, eq(testClocks.tenantId, reminders.tenantId))
        .where(
          and(
            eq(reminders.status, 'pending'),
            sql`${reminders.remindAt} <= ${testClocks.frozenTime}`,
            tenant,
          ),
        ),
  ];
  const claimed: ClaimedReminder[] = [];
  for (const [index, source] of sources.entries()) {
    const limit = options.limit - claimed.length;
    if (limit <= 0) break;
    const candidates = source()
      .orderBy(reminders.remindAt)
      .limit(limit)
      .for('update', { of: reminders, skipLocked: true });
    const lease = new Date(now.getTime() + options.leaseMs);
    const rows = await db
      .update(reminders)
      .set({
        status: 'delivering',
        // A row claimed ahead of its time: its lease runs from that time, so waiting for it
        // does not eat into the time its holder has to send it and record the outcome.
        lockedUntil:
          index === 0 && options.dueBy && options.dueBy > now
            ? sql`greatest(${reminders.remindAt}, ${now.toISOString()}::timestamptz) + ${sql.raw(String(options.leaseMs))} * interval '1 millisecond'`
            : lease,
        attempts: sql`${reminders.attempts} + 1`,
      })
      .where(inArray(reminders.id, candidates))
      .returning();
    // Only real-time reminders are claimed ahead of time (the first source, up to `dueBy`).
    for (const row of rows)
      claimed.push(Object.assign(row, { notBefore: index === 0 ? row.remindAt.getTime() : 0 }));
  }
  return claimed;
}

/**
 * When a dispatcher should look again: the earliest pending reminder of a tenant on real time
 * (less the look-ahead it claims with), or the earliest lease (or channel retry) running out.
 * Test-clock tenants are woken by advancing their clock instead.
 */
export async function nextWakeAt(db: Db, lookaheadMs = 0): Promise<Date | null> {
  const { pending, lease } = await nextWakes(db);
  const times = [pending === null ? null : pending - lookaheadMs, lease].filter(
    (t): t is number => t !== null,
  );
  return times.length === 0 ? null : new Date(Math.min(...times));
}

/** The earliest real-time `remind_at` still pending, and the earliest lease running out. */
async function nextWakes(db: Db): Promise<{ pending: number | null; lease: number | null }> {
  const [pending] = await db
    .select({ at: reminders.remindAt })
    .from(reminders)
    .where(
      and(
        eq(reminders.status, 'pending'),
        sql`not exists (select 1 from ${testClocks} where ${testClocks.tenantId} = ${reminders.tenantId})`,
      ),
    )
    .orderBy(reminders.remindAt)
    .limit(1);
  const [leased] = await db
    .select({ at: sql<string | Date | null>`min(${reminders.lockedUntil})` })
    .from(reminders)
    .where(eq(reminders.status, 'delivering'));
  return {
    pending: pending ? pending.at.getTime() : null,
    lease: leased?.at ? new Date(leased.at).getTime() : null,
  };
}
