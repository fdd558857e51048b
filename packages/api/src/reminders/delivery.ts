import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { type ReminderDeliveryRow, reminderDeliveries } from '../db/schema/reminder-deliveries.js';
import { newId } from '../lib/ids.js';
import type { ServiceLogger } from '../services/context.js';
import type { ChannelAdapter, ChannelEnv, Occurrence, SendReport } from './channels/channel.js';
import type { ClaimedReminder } from './claim.js';
import { DueQueue } from './due-queue.js';
import { groupBy } from './group-by.js';
import { LeaseRenewal } from './lease-renewal.js';
import { OutcomeRecorder } from './outcome.js';
import { DeliveryPlanner, type LoadedBatch, type OpenedChannel, type Planned } from './plan.js';
import { recheck, waitUntil } from './recheck.js';
import { resultRows } from './result-rows.js';

export interface DeliveryOptions extends ChannelEnv {
  channels: readonly ChannelAdapter[];
  leaseMs: number;
  concurrency: number;
  retryScheduleMs: readonly number[];
}

/** A message prepared ahead is sent as built up to this long after its instant, then rebuilt. */
const PREPARED_FOR_MS = 1000;
/** Rows of a claim that fall due within one such slice of time are recorded and settled together. */
const SETTLE_SLICE_MS = 250;
/**
 * A slice's outcomes are recorded once the sends fall quiet, at most this long after its last
 * send (and well before its lease runs out): under a burst, the statements that record
 * and settle would otherwise take turns, on this process and on the database, with the sends
 * still due. A crash in between loses these records: the rows are sent again, with the same
 * delivery ids, once their lease runs out.
 */
const RECORD_DEFER_MS = 1000;
/** A row is not sent this close to the end of its lease. */
const LEASE_MARGIN_MS = 250;

/** A delivery's message, built for an instant. */
interface Built {
  at: number;
  message: unknown;
}

const UNKNOWN_CHANNEL: SendReport = { statusCode: null, error: 'no such reminder channel', gone: true };

/**
 * Delivers claimed reminders: plans their deliveries, inserts a row per delivery (the
 * idempotency key), builds each message ahead, sends each at its `remind_at` (never before,
 * `concurrency` at once across every batch in flight), then hands the reports to the outcome
 * recorder. Nothing here knows one channel from another.
 */
export class ReminderDelivery {
  private readonly db: Db;
  private readonly log: ServiceLogger;
  private readonly clock: () => Date;
  private readonly planner: DeliveryPlanner;
  private readonly recorder: OutcomeRecorder;
  /** Every channel attempt, of every batch in flight: at its time, `concurrency` at once. */
  private readonly sends: DueQueue;

  constructor(private readonly options: DeliveryOptions) {
    this.db = options.db;
    this.log = options.log;
    this.clock = options.clock;
    this.planner = new DeliveryPlanner(options.db, options.channels, options);
    this.recorder = new OutcomeRecorder({ ...options, channels: this.planner.channels });
    this.sends = new DueQueue(options.concurrency, () => this.clock().getTime());
  }

  /** Delivers claimed rows; returns, per reminder still in flight, when its next retry falls due. */
  async deliver(rows: readonly ClaimedReminder[]): Promise<Map<string, Date | null>> {
    try {
      return await this.deliverBatch(rows);
    } catch (error) {
      // The lease runs out and the rows are claimed again: nothing is lost.
      this.log.error({ err: error, reminders: rows.length }, 'reminder delivery failed');
      const retry = new Date(this.clock().getTime() + this.options.leaseMs);
      return new Map(rows.map((r) => [r.id, retry]));
    }
  }

  /**
   * The batch costs a handful of statements whatever its size: load, insert the delivery rows,
   * attempt every channel (in parallel), then record the attempts and settle the reminders.
   */
  private async deliverBatch(rows: readonly ClaimedReminder[]): Promise<Map<string, Date | null>> {
    // From the claim until each slice is recorded, the lease is renewed: a slow holder keeps its rows.
    const renewal = new LeaseRenewal(this.options, rows);
    try {
      return await this.deliverHeld(rows, renewal);
    } finally {
      renewal.stop();
    }
  }

  private async deliverHeld(
    rows: readonly ClaimedReminder[],
    renewal: LeaseRenewal,
  ): Promise<Map<string, Date | null>> {
    const batch = await this.planner.load(rows);
    const planned = rows.flatMap((row) => this.planner.plan(row, batch));
    let deliveries = await this.insertDeliveries(planned);
    // A first claim inserts every row; a later one (a retry, a crash) reads what exists.
    if (deliveries.length !== planned.length || rows.some((r) => r.attempts > 1)) {
      deliveries = await this.db
        .select()
        .from(reminderDeliveries)
        .where(
          inArray(
            reminderDeliveries.reminderId,
            rows.map((r) => r.id),
          ),
        );
    }
    const now = this.clock();
    const stillHeld = recheck(this.options, rows, now.getTime());
    // Rows claimed ahead fall due over a few seconds: each slice of time is sent, recorded and
    // settled on its own, so a crash loses the records of one slice's sends, not the batch's.
    const slices = groupBy(rows, (row) => Math.floor(row.notBefore / SETTLE_SLICE_MS));
    const byReminder = groupBy(deliveries, (d) => d.reminderId);
    const wakes = new Map<string, Date | null>();
    // Every slice runs to its end even when another fails (PostgreSQL gone while recording):
    // the ones still sending keep their lease renewed until they are done.
    const outcomes = await Promise.allSettled(
      [...slices.values()].map(async (members) => {
        const theirs = members.flatMap((r) => byReminder.get(r.id) ?? []);
        for (const [id, at] of await this.deliverSlice(members, theirs, batch, now, stillHeld, renewal))
          wakes.set(id, at);
      }),
    );
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
    return wakes;
  }

  /** Inserts the planned rows; returns them all when every one was new, else none (they are read back). */
  private async insertDeliveries(planned: readonly Planned[]): Promise<ReminderDeliveryRow[]> {
    if (planned.length === 0) return [];
    const fresh = planned.map((p) => ({ id: newId(), ...p }));
    // One JSON parameter rather than a parameter per value: the statement costs the same to
    // build for 1 row or 1,000.
    const inserted = resultRows<{ id: string }>(
      await this.db.execute(sql`
        insert into ${reminderDeliveries} (id, tenant_id, reminder_id, channel, target)
        select v.id, v.tenant_id, v.reminder_id, v.channel, v.target
          from json_to_recordset(${JSON.stringify(
            fresh.map((f) => ({
              id: f.id,
              tenant_id: f.tenantId,
              reminder_id: f.reminderId,
              channel: f.channel,
              target: f.target,
            })),
          )}::json) as v(id uuid, tenant_id uuid, reminder_id uuid, channel text, target text)
        on conflict do nothing
        returning id`),
    );
    if (inserted.length !== fresh.length) return [];
    const createdAt = this.clock();
    return fresh.map((f) => ({
      ...f,
      channel: f.channel as ReminderDeliveryRow['channel'],
      status: 'pending',
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      lastStatusCode: null,
      lastAttemptAt: null,
      deliveredAt: null,
      createdAt,
    }));
  }

  /** Sends one slice's due deliveries at their time, then records the attempts and settles its rows. */
  private async deliverSlice(
    rows: readonly ClaimedReminder[],
    deliveries: ReminderDeliveryRow[],
    batch: LoadedBatch,
    now: Date,
    stillHeld: (row: ClaimedReminder) => Promise<boolean>,
    renewal: LeaseRenewal,
  ): Promise<Map<string, Date | null>> {
    const rowsById = new Map(rows.map((r) => [r.id, r]));
    const due = deliveries.filter(
      (d) => d.status === 'pending' && (!d.nextAttemptAt || d.nextAttemptAt <= now),
    );
    const occurrence = (d: ReminderDeliveryRow): Occurrence<unknown> => {
      const reminder = rowsById.get(d.reminderId)!;
      return {
        reminder,
        delivery: d,
        student: batch.students.get(reminder.studentId),
        context: batch.contexts.get(d.channel),
      };
    };
    const reports = new Map<string, SendReport>();
    const byChannel = groupBy(due, (d) => d.channel);
    await Promise.all(
      [...byChannel].map(([name, theirs]) => {
        const opened = this.planner.channels.get(name);
        if (!opened) {
          for (const d of theirs) reports.set(d.id, UNKNOWN_CHANNEL);
          return undefined;
        }
        return opened.channel.sendMany
          ? this.sendTogether(opened, theirs.map(occurrence), now, stillHeld, reports)
          : Promise.all(theirs.map((d) => this.sendOne(opened, occurrence(d), now, stillHeld, reports)));
      }),
    );
    // Recorded while every row is still held (a lease running out hands a row to another holder).
    const leaseEnd = Math.min(...rows.map((r) => r.lockedUntil?.getTime() ?? Number.POSITIVE_INFINITY));
    const deferMs = Math.min(RECORD_DEFER_MS, leaseEnd - LEASE_MARGIN_MS - this.clock().getTime());
    if (deferMs > 0) await this.sends.quiet(deferMs);
    // The record sets each row's own lease (a retry's time): no renewal may move it afterwards.
    renewal.release(rows);
    await renewal.settled();
    return this.recorder.record(rows, deliveries, due, reports);
  }

  /** The message for the instant `at`; a build that throws is reported like a send that does. */
  private build(opened: OpenedChannel, occurrence: Occurrence<unknown>, at: number): Built {
    return { at, message: opened.channel.build(occurrence, new Date(at)) };
  }

  /** One delivery: built now, sent at its `remind_at` (never before), so the send itself is only I/O. */
  private async sendOne(
    opened: OpenedChannel,
    occurrence: Occurrence<unknown>,
    now: Date,
    stillHeld: (row: ClaimedReminder) => Promise<boolean>,
    reports: Map<string, SendReport>,
  ): Promise<void> {
    const row = occurrence.reminder as ClaimedReminder;
    let built: Built | undefined;
    try {
      built = this.build(opened, occurrence, Math.max(now.getTime(), row.notBefore));
    } catch {
      // Built again when it is sent, where a throw is reported.
    }
    // Cancelled or moved since it was claimed ahead: not sent, nothing recorded.
    if (!(await stillHeld(row))) return;
    await this.sends.run(row.notBefore, async () => {
      // A lease that ran out while this row waited its turn: another dispatcher may hold it
      // now, so leave it (no attempt, nothing recorded) rather than send it twice.
      const at = this.clock().getTime();
      if (row.lockedUntil && at >= row.lockedUntil.getTime() - LEASE_MARGIN_MS) return;
      try {
        // Built ahead and still timely (within a second of its instant), or built now.
        if (!built || at - built.at >= PREPARED_FOR_MS) built = this.build(opened, occurrence, at);
        reports.set(occurrence.delivery.id, await opened.channel.send(built.message, occurrence));
      } catch (error) {
        reports.set(occurrence.delivery.id, { statusCode: null, error: errorText(error) });
      }
    });
  }

  /** A channel that sends in bulk: the slice together, once its last reminder fell due and was looked at again. */
  private async sendTogether(
    opened: OpenedChannel,
    occurrences: readonly Occurrence<unknown>[],
    now: Date,
    stillHeld: (row: ClaimedReminder) => Promise<boolean>,
    reports: Map<string, SendReport>,
  ): Promise<void> {
    const rowOf = (o: Occurrence<unknown>) => o.reminder as ClaimedReminder;
    try {
      await waitUntil(this.clock, Math.max(now.getTime(), ...occurrences.map((o) => rowOf(o).notBefore)));
      const held = await Promise.all(occurrences.map((o) => stillHeld(rowOf(o))));
      const sending = occurrences.filter((_, i) => held[i]);
      if (sending.length === 0) return;
      const at = this.clock();
      const sent = await opened.channel.sendMany!(
        sending.map((occurrence) => ({ occurrence, message: opened.channel.build(occurrence, at) })),
      );
      for (const [i, o] of sending.entries()) reports.set(o.delivery.id, sent[i]!);
    } catch (error) {
      for (const o of occurrences) reports.set(o.delivery.id, { statusCode: null, error: errorText(error) });
    }
  }
}

function errorText(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}
