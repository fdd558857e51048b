import type { Db } from '../db/client.js';
import type { ServiceLogger } from '../services/context.js';
import type { ChannelAdapter } from './channels/channel.js';
import { CHANNELS } from './channels/registry.js';
import { type ClaimedReminder, claimDueReminders, nextWakeAt } from './claim.js';
import { ReminderDelivery } from './delivery.js';
import type { ApplyTimedTransition } from './timed-transition.js';
import type { Mailer } from './transports/smtp.js';

export interface DispatcherOptions {
  db: Db;
  log: ServiceLogger;
  /** Real time (leases, retries, lateness); a tenant's test clock only decides what is due. */
  clock?: () => Date;
  leaseMs: number;
  concurrency: number;
  retryScheduleMs: readonly number[];
  webhookTimeoutMs: number;
  mailer?: Mailer | undefined;
  applyTimedTransition: ApplyTimedTransition;
  /** The channels to deliver through (the registry's; a test may add its own). */
  channels?: readonly ChannelAdapter[];
}

/** How many due rows one claim takes. */
const BATCH_SIZE = 1000;
/**
 * A batch must settle well within its lease, or another dispatcher takes its rows over and they
 * are sent again: with a short lease (tests, chaos runs) claims shrink, a claim per 20 ms of lease.
 */
const batchSizeFor = (leaseMs: number) => Math.max(50, Math.min(BATCH_SIZE, Math.floor(leaseMs / 20)));
/** Claim-and-deliver loops running side by side (each claims with SKIP LOCKED). */
const LANES = 2;
/**
 * How far ahead a queue's job claims reminders: their rows are claimed, loaded and prepared
 * before they fall due, and each is sent at its `remind_at`, never before.
 */
export const LOOKAHEAD_MS = 3000;
/** At most this many claims ahead and not yet settled, per job. */
const MAX_AHEAD_BATCHES = 20;

/** Told when claimed rows must be looked at again (a lease running out, a channel retry). */
export type WakeHook = (wakeAts: readonly number[]) => Promise<void>;

/**
 * The claim loop: claims due reminders from PostgreSQL and hands each claim to delivery. Every
 * driver (in-process timer, BullMQ worker, a test clock's advance) ends here, so delivery
 * semantics are the same everywhere: a row per reminder and channel makes each effect happen once.
 */
export class ReminderDispatcher {
  private readonly db: Db;
  private readonly clock: () => Date;
  private readonly batchSize: number;
  private readonly delivery: ReminderDelivery;

  constructor(private readonly options: DispatcherOptions) {
    this.db = options.db;
    this.clock = options.clock ?? (() => new Date());
    this.batchSize = batchSizeFor(options.leaseMs);
    this.delivery = new ReminderDelivery({
      db: options.db,
      log: options.log,
      clock: this.clock,
      channels: options.channels ?? CHANNELS,
      leaseMs: options.leaseMs,
      concurrency: options.concurrency,
      retryScheduleMs: options.retryScheduleMs,
      webhookTimeoutMs: options.webhookTimeoutMs,
      mailer: options.mailer,
      applyTimedTransition: options.applyTimedTransition,
    });
  }

  /**
   * Claims and delivers everything due (optionally for one tenant) in a few lanes side by side;
   * returns how many rows were handled. `wake` hears, while delivering, when each claim's lease
   * runs out (a crash mid-delivery is retried then) and afterwards when channel retries fall due.
   */
  async dispatchDue(filter: { tenantId?: string; wake?: WakeHook } = {}): Promise<number> {
    let total = 0;
    const lane = async () => {
      for (;;) {
        const n = await this.claimAndDeliver(filter);
        if (n === 0) return;
        total += n;
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));
    return total;
  }

  /**
   * Delivers reminders as they fall due until nothing is left due before `until` (real time):
   * a queue's job for one slot of time runs this, from `LOOKAHEAD_MS` before the slot. Lanes
   * claim what falls due within the look-ahead, and sleep until then when nothing does.
   */
  async runUntil(until: number, wake?: WakeHook): Promise<number> {
    let total = 0;
    // Batches claimed ahead wait for their time without holding up the next claim, up to a
    // bound: the lanes prepare what falls due while earlier batches are being sent.
    const inFlight = new Set<Promise<unknown>>();
    let inFlightRows = 0;
    const lane = async () => {
      for (;;) {
        while (inFlightRows >= MAX_AHEAD_BATCHES * this.batchSize) await Promise.race(inFlight);

        const rows = await this.claim({ lookaheadMs: LOOKAHEAD_MS });
        if (rows.length > 0) {
          total += rows.length;
          inFlightRows += rows.length;
          const delivering: Promise<unknown> = this.deliverClaimed(rows, wake).finally(() => {
            inFlightRows -= rows.length;
            inFlight.delete(delivering);
          });
          inFlight.add(delivering);
          continue;
        }
        const next = await nextWakeAt(this.db, LOOKAHEAD_MS);
        const now = this.clock().getTime();
        if (!next || next.getTime() >= until - LOOKAHEAD_MS) return;
        // A due row another lane is claiming this instant: look again in a millisecond.
        await new Promise((r) => setTimeout(r, Math.max(next.getTime() - now, 1)));
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));
    while (inFlight.size > 0) await Promise.race(inFlight);
    return total;
  }

  nextWakeAt(): Promise<Date | null> {
    return nextWakeAt(this.db);
  }

  /** One claim and its delivery; returns how many rows it claimed. */
  private async claimAndDeliver(filter: { tenantId?: string; wake?: WakeHook | undefined }): Promise<number> {
    const rows = await this.claim(filter);
    if (rows.length > 0) await this.deliverClaimed(rows, filter.wake);
    return rows.length;
  }

  private claim(filter: { tenantId?: string; lookaheadMs?: number }): Promise<ClaimedReminder[]> {
    const now = this.clock();
    return claimDueReminders(this.db, {
      now,
      dueBy: new Date(now.getTime() + (filter.lookaheadMs ?? 0)),
      leaseMs: this.options.leaseMs,
      limit: this.batchSize,
      tenantId: filter.tenantId,
    });
  }

  /** Delivers claimed rows, telling `wake` when their lease runs out and when retries fall due. */
  private async deliverClaimed(rows: readonly ClaimedReminder[], wake: WakeHook | undefined): Promise<void> {
    // Told alongside the delivery, not before it: a Redis that is slow or down must not hold
    // claimed rows back while their lease runs.
    const leaseTold = wake
      ? this.tell(wake, [...new Set(rows.map((r) => r.lockedUntil?.getTime() ?? this.clock().getTime()))])
      : undefined;
    const wakes = await this.delivery.deliver(rows);
    await leaseTold;
    if (wake) {
      const retries = [...wakes.values()].filter((w): w is Date => w !== null).map((w) => w.getTime());
      if (retries.length > 0) await this.tell(wake, retries);
    }
  }

  /** A wake hook that fails (Redis down) delays nothing for long: the reconciler finds the rows. */
  private async tell(wake: WakeHook, at: number[]): Promise<void> {
    try {
      await wake(at);
    } catch (error) {
      this.options.log.warn({ err: error }, 'could not schedule a reminder wake-up');
    }
  }
}
