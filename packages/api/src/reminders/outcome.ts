import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  type DeliveryStatus,
  type ReminderDeliveryRow,
  reminderDeliveries,
} from '../db/schema/reminder-deliveries.js';
import { reminders } from '../db/schema/reminders.js';
import type { ServiceLogger } from '../services/context.js';
import { classifyReport, type SendReport, type Verdict } from './channels/channel.js';
import type { ClaimedReminder } from './claim.js';
import { groupBy } from './group-by.js';
import type { OpenedChannel } from './plan.js';

/** One attempt's outcome as written to `reminder_deliveries`. */
interface Attempted {
  id: string;
  /** The reminder, and its `attempts` when this holder claimed it (the fencing token). */
  reminder_id: string;
  held: number;
  status: DeliveryStatus;
  next_at: string | null;
  err: string | null;
  code: number | null;
  at: string;
  delivered_at: string | null;
}

/** A reminder whose channels all settled. */
interface Settled {
  id: string;
  attempts: number;
  status: 'delivered' | 'failed';
  delivered_at: string | null;
  err: string | null;
}

/** A reminder held until its next channel retry. */
interface Held {
  id: string;
  attempts: number;
  until: string;
  err: string | null;
}

export interface OutcomeOptions {
  db: Db;
  log: ServiceLogger;
  clock: () => Date;
  retryScheduleMs: readonly number[];
  channels: ReadonlyMap<string, OpenedChannel>;
}

/**
 * Records what the attempts came to, the same way for every channel: the channel classifies its
 * report (delivered, retry, failed), the retry schedule decides when a retry falls due and when
 * to give up, and a reminder is settled once all its deliveries are (delivered when any was).
 * One statement writes a slice's attempts and its reminders' outcomes.
 */
export class OutcomeRecorder {
  constructor(private readonly options: OutcomeOptions) {}

  /**
   * Records the attempts of `due` (their `reports`; one without a report was not attempted) and
   * settles `rows`; returns, per reminder still in flight, when its next retry falls due.
   */
  async record(
    rows: readonly ClaimedReminder[],
    deliveries: readonly ReminderDeliveryRow[],
    due: readonly ReminderDeliveryRow[],
    reports: ReadonlyMap<string, SendReport>,
  ): Promise<Map<string, Date | null>> {
    const rowsById = new Map(rows.map((r) => [r.id, r]));
    const attempts = await this.apply(due, reports, rowsById);
    const { wakes, done, held } = this.settle(rows, deliveries);
    // JSON parameters, constant text: the statement costs the same to build for 1 row or 1,000.
    // `attempts` fences a holder whose lease ran out while it worked: its settle changes nothing.
    await this.options.db.execute(sql`
      with recorded as (
        update ${reminderDeliveries} as d
           set status = v.status, attempts = d.attempts + 1, next_attempt_at = v.next_at, last_error = v.err,
               last_status_code = v.code, last_attempt_at = v.at, delivered_at = v.delivered_at
          from json_to_recordset(${JSON.stringify(attempts)}::json)
            as v(id uuid, reminder_id uuid, held int, status text, next_at timestamptz, err text, code int,
                 at timestamptz, delivered_at timestamptz),
               ${reminders} as h
         where d.id = v.id and h.id = v.reminder_id and h.status = 'delivering' and h.attempts = v.held
      ), finished as (
        update ${reminders} as r
           set status = v.status, locked_until = null, delivered_at = v.delivered_at, last_error = v.err
          from json_to_recordset(${JSON.stringify(done)}::json)
            as v(id uuid, attempts int, status text, delivered_at timestamptz, err text)
         where r.id = v.id and r.status = 'delivering' and r.attempts = v.attempts
      )
      update ${reminders} as r
         set locked_until = v.until, last_error = v.err
        from json_to_recordset(${JSON.stringify(held)}::json)
          as v(id uuid, attempts int, until timestamptz, err text)
       where r.id = v.id and r.status = 'delivering' and r.attempts = v.attempts`);
    return wakes;
  }

  /** What an attempt's report makes of its delivery, by the channel's reading and the retry schedule. */
  private verdict(delivery: ReminderDeliveryRow, report: SendReport, attempts: number): Verdict {
    const channel = this.options.channels.get(delivery.channel)?.channel;
    const verdict = channel ? channel.classify(report) : classifyReport(report);
    return verdict === 'retry' && attempts > this.options.retryScheduleMs.length ? 'failed' : verdict;
  }

  /** Works out every attempt's outcome (updating `due` in place, for settling) and returns the rows to write. */
  private async apply(
    due: readonly ReminderDeliveryRow[],
    reports: ReadonlyMap<string, SendReport>,
    rowsById: ReadonlyMap<string, ClaimedReminder>,
  ): Promise<Attempted[]> {
    const now = this.options.clock();
    const nowIso = now.toISOString();
    const values: Attempted[] = [];
    for (const delivery of due) {
      const report = reports.get(delivery.id);
      if (!report) continue;
      const attempts = delivery.attempts + 1;
      const verdict = this.verdict(delivery, report, attempts);
      const status: DeliveryStatus = verdict === 'retry' ? 'pending' : verdict;
      let nextAttemptAt: Date | null = null;
      if (verdict === 'retry') {
        const delay = this.options.retryScheduleMs[attempts - 1]!;
        // ±10 % jitter so a receiver coming back is not hit by every retry in the same instant.
        nextAttemptAt = new Date(now.getTime() + Math.round(delay * (0.9 + Math.random() * 0.2)));
      }
      const delivered = verdict === 'delivered';
      Object.assign(delivery, {
        status,
        attempts,
        nextAttemptAt,
        lastError: delivered ? null : report.error,
        lastStatusCode: report.statusCode,
        lastAttemptAt: now,
        deliveredAt: delivered ? now : null,
      });
      values.push({
        id: delivery.id,
        reminder_id: delivery.reminderId,
        held: rowsById.get(delivery.reminderId)!.attempts,
        status,
        next_at: nextAttemptAt?.toISOString() ?? null,
        err: delivery.lastError,
        code: report.statusCode,
        at: nowIso,
        delivered_at: delivered ? nowIso : null,
      });
      if (delivered) continue;
      this.options.log.warn(
        {
          reminderId: delivery.reminderId,
          deliveryId: delivery.id,
          channel: delivery.channel,
          attempts,
          status,
          error: report.error,
        },
        'reminder delivery attempt failed',
      );
      if (status === 'failed')
        await this.options.channels.get(delivery.channel)?.channel.onFailed?.(delivery, report);
    }
    return values;
  }

  /** Delivered (or failed) when every channel settled; otherwise held until the next retry. */
  private settle(
    rows: readonly ClaimedReminder[],
    deliveries: readonly ReminderDeliveryRow[],
  ): { wakes: Map<string, Date | null>; done: Settled[]; held: Held[] } {
    const now = this.options.clock();
    const nowIso = now.toISOString();
    const byReminder = groupBy(deliveries, (d) => d.reminderId);
    const wakes = new Map<string, Date | null>();
    const done: Settled[] = [];
    const held: Held[] = [];
    for (const row of rows) {
      const mine = byReminder.get(row.id) ?? [];
      const open = mine.filter((d) => d.status === 'pending');
      const lastError = (open.length > 0 ? open : mine).find((d) => d.lastError)?.lastError ?? null;
      if (open.length > 0) {
        // Never before its time: a row claimed ahead and left unsent (its second look failed).
        const wakeAt = new Date(
          Math.max(Math.min(...open.map((d) => (d.nextAttemptAt ?? now).getTime())), row.notBefore),
        );
        wakes.set(row.id, wakeAt);
        held.push({ id: row.id, attempts: row.attempts, until: wakeAt.toISOString(), err: lastError });
      } else {
        wakes.set(row.id, null);
        const failedAll = mine.length > 0 && mine.every((d) => d.status === 'failed');
        done.push({
          id: row.id,
          attempts: row.attempts,
          status: failedAll ? 'failed' : 'delivered',
          delivered_at: failedAll ? null : nowIso,
          err: lastError,
        });
      }
    }
    return { wakes, done, held };
  }
}
