import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { feedItems } from '../db/schema/feed-items.js';
import { reminderChannelPreferences } from '../db/schema/reminder-channels.js';
import {
  type DeliveryStatus,
  type ReminderChannel,
  type ReminderDeliveryRow,
  reminderDeliveries,
} from '../db/schema/reminder-deliveries.js';
import { type ReminderRow, reminders } from '../db/schema/reminders.js';
import { students } from '../db/schema/students.js';
import { testClocks } from '../db/schema/test-clocks.js';
import { webhookEndpoints } from '../db/schema/webhook-endpoints.js';
import { newId } from '../lib/ids.js';
import type { Actor, ServiceLogger } from '../services/context.js';
import type { Mailer } from './channels/email.js';
import {
  type AttemptResult,
  type PreparedWebhook,
  prepareWebhook,
  sendWebhook,
  type WebhookTarget,
} from './channels/webhook.js';
import { type ClaimedReminder, claimDueReminders, nextWakeAt } from './claim.js';
import { DueQueue } from './due-queue.js';
import { localDateTime } from './local-time.js';
import type { ApplyTimedTransition } from './timed-transition.js';

/** The channels a task reminder goes to when neither the student nor the tenant chose. */
export const DEFAULT_CHANNELS: Exclude<ReminderChannel, 'transition'>[] = ['feed', 'webhook', 'email'];

/** Timed transitions run as this actor (no API key is involved). */
export const SYSTEM_ACTOR: Actor = {
  apiKeyId: '00000000-0000-0000-0000-000000000000',
  scope: 'admin',
  role: 'admin',
  studentId: null,
  advisorId: null,
  actingAs: false,
};

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
}

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

interface Planned {
  reminderId: string;
  tenantId: string;
  channel: ReminderChannel;
  target: string;
}

interface Batch {
  students: Map<string, { email: string | null; timeZone: string; externalId: string }>;
  endpoints: Map<string, WebhookTarget>;
  endpointsByTenant: Map<string, WebhookTarget[]>;
  channels: Map<string, ReminderChannel[]>;
  clocks: Map<string, Date>;
}

/** The rows of a raw statement's result, whichever driver ran it. */
function resultRows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}

/** Items by key, in their order; an item whose key is undefined is left out. */
function groupBy<K, T>(items: readonly T[], keyOf: (item: T) => K | undefined): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
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
/** A message prepared ahead is sent as signed up to this long after its timestamp, then rebuilt. */
const PREPARED_FOR_MS = 1000;
/**
 * A row claimed ahead is looked at again this long before it falls due (at the start of its
 * slice of time): a cancel or a snooze committed by then stops it.
 */
const RECHECK_LEAD_MS = 100;
const RECHECK_SLICE_MS = 100;
/** Rows of a claim that fall due within one such slice of time are recorded and settled together. */
const SETTLE_SLICE_MS = 250;
/**
 * A slice's outcomes are recorded once the sends fall quiet, at most this long after its last
 * send (and well before its lease runs out): under a burst, the statements that record
 * and settle would otherwise take turns, on this process and on the database, with the sends
 * still due. A crash in between loses these records: the rows are sent again, with the same
 * `webhook-id`, once their lease runs out.
 */
const RECORD_DEFER_MS = 1000;
/** A row is not sent this close to the end of its lease. */
const LEASE_MARGIN_MS = 250;
/** At most this many claims ahead and not yet settled, per job. */
const MAX_AHEAD_BATCHES = 20;

/** Tenant settings change rarely; a second of staleness saves two queries per reminder. */
const TENANT_CACHE_MS = 1000;

/** Told when claimed rows must be looked at again (a lease running out, a channel retry). */
export type WakeHook = (wakeAts: readonly number[]) => Promise<void>;

interface TenantSettings {
  endpoints: WebhookTarget[];
  channels: ReminderChannel[] | undefined;
  expires: number;
}

/**
 * Claims due reminders from PostgreSQL and delivers them through their channels. Every driver
 * (in-process timer, BullMQ worker, a test clock's advance) ends here, so delivery semantics
 * are the same everywhere: a row per reminder and channel makes each effect happen once.
 */
export class ReminderDispatcher {
  private readonly db: Db;
  private readonly clock: () => Date;
  private readonly tenants = new Map<string, TenantSettings>();
  private readonly batchSize: number;
  /** Every channel attempt, of every batch in flight: at its time, `concurrency` at once. */
  private readonly sends: DueQueue;

  constructor(private readonly options: DispatcherOptions) {
    this.db = options.db;
    this.clock = options.clock ?? (() => new Date());
    this.batchSize = batchSizeFor(options.leaseMs);
    this.sends = new DueQueue(options.concurrency, () => this.clock().getTime());
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
    const wakes = await this.process(rows);
    await leaseTold;
    if (wake) {
      const retries = [...wakes.values()].filter((w): w is Date => w !== null).map((w) => w.getTime());
      if (retries.length > 0) await this.tell(wake, retries);
    }
  }

  /** Resolves once the real-time clock reached `at` (at once when it has). */
  private async waitUntil(at: number): Promise<void> {
    for (let wait = at - this.clock().getTime(); wait > 0; wait = at - this.clock().getTime()) {
      await new Promise((r) => setTimeout(r, wait));
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

  /** Delivers claimed rows; returns, per reminder still in flight, when its next retry falls due. */
  async process(rows: readonly ClaimedReminder[]): Promise<Map<string, Date | null>> {
    try {
      return await this.processBatch(rows);
    } catch (error) {
      // The lease runs out and the rows are claimed again: nothing is lost.
      this.options.log.error({ err: error, reminders: rows.length }, 'reminder delivery failed');
      const retry = new Date(this.clock().getTime() + this.options.leaseMs);
      return new Map(rows.map((r) => [r.id, retry]));
    }
  }

  /**
   * The batch costs a handful of statements whatever its size: load, insert the delivery rows,
   * attempt every channel (in parallel), record the attempts, settle the reminders.
   */
  private async processBatch(rows: readonly ClaimedReminder[]): Promise<Map<string, Date | null>> {
    const batch = await this.load(rows);
    const planned = rows.flatMap((row) => this.plan(row, batch));
    let deliveries: ReminderDeliveryRow[] = [];
    if (planned.length > 0) {
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
      if (inserted.length === fresh.length) {
        const createdAt = this.clock();
        deliveries = fresh.map((f) => ({
          ...f,
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
    }
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
    const stillHeld = this.recheck(rows, now.getTime());
    // Rows claimed ahead fall due over a few seconds: each slice of time is sent, recorded and
    // settled on its own, so a crash loses the records of one slice's sends, not the batch's.
    const slices = groupBy(rows, (row) => Math.floor(row.notBefore / SETTLE_SLICE_MS));
    const byReminder = groupBy(deliveries, (d) => d.reminderId);
    const wakes = new Map<string, Date | null>();
    await Promise.all(
      [...slices.values()].map(async (members) => {
        const theirs = members.flatMap((r) => byReminder.get(r.id) ?? []);
        for (const [id, at] of await this.deliverSlice(members, theirs, batch, now, stillHeld))
          wakes.set(id, at);
      }),
    );
    return wakes;
  }

  /** Sends one slice's due deliveries at their time, then records the attempts and settles its rows. */
  private async deliverSlice(
    rows: readonly ClaimedReminder[],
    deliveries: ReminderDeliveryRow[],
    batch: Batch,
    now: Date,
    stillHeld: (row: ClaimedReminder) => Promise<boolean>,
  ): Promise<Map<string, Date | null>> {
    const rowsById = new Map(rows.map((r) => [r.id, r]));
    const due = deliveries.filter(
      (d) => d.status === 'pending' && (!d.nextAttemptAt || d.nextAttemptAt <= now),
    );
    const notBefore = (d: ReminderDeliveryRow) => rowsById.get(d.reminderId)!.notBefore;
    const feed = due.filter((d) => d.channel === 'feed');
    const others = due.filter((d) => d.channel !== 'feed');
    const results = new Map<string, AttemptResult>();
    await Promise.all([
      feed.length === 0
        ? undefined
        : this.waitUntil(Math.max(...feed.map(notBefore)))
            .then(async () => {
              const held = await Promise.all(feed.map((d) => stillHeld(rowsById.get(d.reminderId)!)));
              const sending = feed.filter((_, i) => held[i]);
              if (sending.length > 0) await this.deliverToFeed(sending, rowsById, this.clock());
              return sending;
            })
            .then(
              (sent) => {
                for (const d of sent) results.set(d.id, { ok: true, statusCode: null });
              },
              (error: Error) => {
                for (const d of feed)
                  results.set(d.id, { ok: false, statusCode: null, error: error.message });
              },
            ),
      ...others.map(async (d) => {
        const row = rowsById.get(d.reminderId)!;
        // Built now, sent at its `remind_at` (never before): the send itself is only I/O.
        const message = this.prepare(row, d, batch, now);
        // Cancelled or moved since it was claimed ahead: not sent, nothing recorded.
        if (!(await stillHeld(row))) return;
        await this.sends.run(row.notBefore, async () => {
          // A lease that ran out while this row waited its turn: another dispatcher may hold it
          // now, so leave it (no attempt, nothing recorded) rather than send it twice.
          if (row.lockedUntil && this.clock().getTime() >= row.lockedUntil.getTime() - LEASE_MARGIN_MS)
            return;
          results.set(d.id, await this.attempt(row, d, batch, message));
        });
      }),
    ]);
    // Recorded while every row is still held (a lease running out hands a row to another holder).
    const leaseEnd = Math.min(...rows.map((r) => r.lockedUntil?.getTime() ?? Number.POSITIVE_INFINITY));
    const deferMs = Math.min(RECORD_DEFER_MS, leaseEnd - LEASE_MARGIN_MS - this.clock().getTime());
    if (deferMs > 0) await this.sends.quiet(deferMs);
    const attempts = await this.record(due, results, feed, rowsById);
    const { wakes, done, held } = this.settle(rows, deliveries);
    // The attempts and the reminders' outcomes in one statement (JSON parameters, constant text).
    // `attempts` fences a holder whose lease ran out while it worked: its settle changes nothing.
    await this.db.execute(sql`
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

  private async load(rows: readonly ReminderRow[]): Promise<Batch> {
    const studentIds = [...new Set(rows.map((r) => r.studentId))];
    const transitions = rows.filter((r) => r.kind === 'timed_transition');
    const [studentRows, tenantSettings, clockRows] = await Promise.all([
      this.db
        .select({
          id: students.id,
          email: students.email,
          timeZone: students.timeZone,
          externalId: students.externalId,
          channels: reminderChannelPreferences.channels,
        })
        .from(students)
        .leftJoin(reminderChannelPreferences, eq(reminderChannelPreferences.studentId, students.id))
        .where(inArray(students.id, studentIds)),
      this.tenantSettings([...new Set(rows.map((r) => r.tenantId))]),
      transitions.length === 0
        ? []
        : this.db
            .select()
            .from(testClocks)
            .where(inArray(testClocks.tenantId, [...new Set(transitions.map((r) => r.tenantId))])),
    ]);
    const batch: Batch = {
      students: new Map(studentRows.map((s) => [s.id, s])),
      endpoints: new Map(),
      endpointsByTenant: new Map(),
      channels: new Map(),
      clocks: new Map(clockRows.map((c) => [c.tenantId, c.frozenTime])),
    };
    for (const [tenantId, settings] of tenantSettings) {
      batch.endpointsByTenant.set(tenantId, settings.endpoints);
      for (const e of settings.endpoints) batch.endpoints.set(e.id, e);
      if (settings.channels) batch.channels.set(`tenant:${tenantId}`, settings.channels);
    }
    for (const s of studentRows) if (s.channels) batch.channels.set(s.id, s.channels);
    return batch;
  }

  /** Each tenant's enabled endpoints and default channels, cached for a second. */
  private async tenantSettings(tenantIds: string[]): Promise<Map<string, TenantSettings>> {
    const now = Date.now();
    const result = new Map<string, TenantSettings>();
    const misses: string[] = [];
    for (const id of tenantIds) {
      const hit = this.tenants.get(id);
      if (hit && hit.expires > now) result.set(id, hit);
      else misses.push(id);
    }
    if (misses.length === 0) return result;
    const [endpointRows, preferenceRows] = await Promise.all([
      this.db
        .select()
        .from(webhookEndpoints)
        .where(and(inArray(webhookEndpoints.tenantId, misses), isNull(webhookEndpoints.disabledAt))),
      this.db
        .select()
        .from(reminderChannelPreferences)
        .where(
          and(
            inArray(reminderChannelPreferences.tenantId, misses),
            isNull(reminderChannelPreferences.studentId),
          ),
        ),
    ]);
    if (this.tenants.size > 10_000) this.tenants.clear();
    for (const id of misses) {
      const settings: TenantSettings = {
        endpoints: endpointRows.filter((e) => e.tenantId === id),
        channels: preferenceRows.find((p) => p.tenantId === id)?.channels,
        expires: now + TENANT_CACHE_MS,
      };
      this.tenants.set(id, settings);
      result.set(id, settings);
    }
    return result;
  }

  private plan(row: ReminderRow, batch: Batch): Planned[] {
    const base = { reminderId: row.id, tenantId: row.tenantId };
    if (row.kind === 'timed_transition') return [{ ...base, channel: 'transition', target: '' }];
    const channels =
      batch.channels.get(row.studentId) ?? batch.channels.get(`tenant:${row.tenantId}`) ?? DEFAULT_CHANNELS;
    const planned: Planned[] = [];
    for (const channel of channels) {
      if (channel === 'webhook') {
        for (const e of batch.endpointsByTenant.get(row.tenantId) ?? [])
          planned.push({ ...base, channel, target: e.id });
      } else if (channel === 'email') {
        if (this.options.mailer && batch.students.get(row.studentId)?.email)
          planned.push({ ...base, channel, target: '' });
      } else if (channel === 'feed') {
        planned.push({ ...base, channel, target: '' });
      }
    }
    return planned;
  }

  /** Delivered (or failed) when every channel settled; otherwise held until the next retry. */
  private settle(
    rows: readonly ClaimedReminder[],
    deliveries: readonly ReminderDeliveryRow[],
  ): { wakes: Map<string, Date | null>; done: Settled[]; held: Held[] } {
    const now = this.clock();
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

  /**
   * Rows claimed ahead of their time are looked at once more shortly before they fall due, one
   * query per slice of time: a cancel or a move (snooze) committed until then stops them. Rows
   * due now were just claimed and need no second look. A failed look sends nothing: the rows
   * are claimed again.
   */
  private recheck(rows: readonly ClaimedReminder[], now: number): (row: ClaimedReminder) => Promise<boolean> {
    const sliceOf = (row: ClaimedReminder) =>
      row.notBefore - RECHECK_LEAD_MS > now ? Math.floor(row.notBefore / RECHECK_SLICE_MS) : undefined;
    const slices = groupBy(rows, sliceOf);
    const checks = new Map<number, Promise<Set<string>>>();
    for (const [slice, members] of slices) {
      checks.set(
        slice,
        this.waitUntil(slice * RECHECK_SLICE_MS - RECHECK_LEAD_MS).then(() => this.stillHeld(members)),
      );
    }
    const yes = Promise.resolve(true);
    return (row) => {
      const slice = sliceOf(row);
      return slice === undefined ? yes : checks.get(slice)!.then((held) => held.has(row.id));
    };
  }

  /** Which of these rows this dispatcher still holds (not cancelled, moved or taken over). */
  private async stillHeld(rows: readonly ClaimedReminder[]): Promise<Set<string>> {
    try {
      const held = resultRows<{ id: string }>(
        await this.db.execute(sql`
          select r.id from ${reminders} as r
            join json_to_recordset(${JSON.stringify(rows.map((r) => ({ id: r.id, held: r.attempts })))}::json)
              as v(id uuid, held int) on r.id = v.id
           where r.status = 'delivering' and r.attempts = v.held`),
      );
      return new Set(held.map((r) => r.id));
    } catch (error) {
      this.options.log.warn({ err: error }, 'could not look at claimed reminders again');
      return new Set();
    }
  }

  /** A webhook's message, signed for the instant it falls due (or now, when that has passed). */
  private prepare(
    row: ClaimedReminder,
    delivery: ReminderDeliveryRow,
    batch: Batch,
    now: Date,
  ): PreparedWebhook | undefined {
    if (delivery.channel !== 'webhook') return undefined;
    const endpoint = batch.endpoints.get(delivery.target);
    if (!endpoint) return undefined;
    const at = new Date(Math.max(now.getTime(), row.notBefore));
    const body = JSON.stringify(this.event(row, batch.students.get(row.studentId), at));
    return prepareWebhook(endpoint, { id: delivery.id, body }, at);
  }

  private async attempt(
    row: ReminderRow,
    delivery: ReminderDeliveryRow,
    batch: Batch,
    prepared?: PreparedWebhook,
  ): Promise<AttemptResult> {
    const now = this.clock();
    const student = batch.students.get(row.studentId);
    try {
      switch (delivery.channel) {
        case 'feed':
          await this.deliverToFeed([delivery], new Map([[row.id, row]]), now);
          return { ok: true, statusCode: null };
        case 'webhook': {
          const endpoint = batch.endpoints.get(delivery.target);
          if (!endpoint)
            return { ok: false, gone: true, statusCode: null, error: 'the endpoint is disabled or deleted' };
          // Prepared ahead and still timely (its timestamp within a second), or built now.
          const message =
            prepared && now.getTime() - prepared.at.getTime() < PREPARED_FOR_MS
              ? prepared
              : { id: delivery.id, body: JSON.stringify(this.event(row, student, now)) };
          const result = await sendWebhook(endpoint, message, {
            timeoutMs: this.options.webhookTimeoutMs,
            now,
          });
          if (!result.ok && result.gone) {
            batch.endpoints.delete(endpoint.id);
            this.tenants.delete(row.tenantId);
          }
          return result;
        }
        case 'email': {
          if (!this.options.mailer || !student?.email) {
            return {
              ok: false,
              gone: true,
              statusCode: null,
              error: 'email is not configured for this student',
            };
          }
          const due = localDateTime(row.dueAt, student.timeZone);
          await this.options.mailer.send({
            to: student.email,
            subject: row.payload.title,
            text: `${row.payload.title}\n\nDue ${due.replace('T', ' ')} (${student.timeZone}).\n\nReminder ${row.id} (${row.payload.ruleId}).\n`,
            messageId: `<${delivery.id}@reminders.infoview>`,
            reminderId: row.id,
          });
          return { ok: true, statusCode: null };
        }
        case 'transition': {
          if (!row.interviewId)
            return { ok: false, gone: true, statusCode: null, error: 'no interview to transition' };
          const tenantNow = batch.clocks.get(row.tenantId) ?? now;
          await this.options.applyTimedTransition({
            ctx: {
              db: this.db,
              tenantId: row.tenantId,
              actor: SYSTEM_ACTOR,
              now: () => tenantNow,
              log: this.options.log,
            },
            input: { interviewId: row.interviewId, key: row.sourceKey },
          });
          return { ok: true, statusCode: null };
        }
      }
    } catch (error) {
      return { ok: false, statusCode: null, error: (error as Error).message ?? String(error) };
    }
  }

  /** The feed items and their deliveries' rows are one statement: exactly once, even across crashes. */
  private async deliverToFeed(
    feed: readonly ReminderDeliveryRow[],
    rowsById: Map<string, ReminderRow>,
    now: Date,
  ): Promise<void> {
    const at = now.toISOString();
    const items = feed.map((d) => {
      const row = rowsById.get(d.reminderId)!;
      return {
        id: newId(now.getTime()),
        tenant_id: row.tenantId,
        student_id: row.studentId,
        reminder_id: row.id,
        interview_id: row.interviewId,
        rule_id: row.payload.ruleId,
        title: row.payload.title,
        due_at: row.dueAt.toISOString(),
      };
    });
    // JSON parameters like the other batch statements: constant text, prepared once.
    await this.db.execute(sql`
      with item as (
        insert into ${feedItems} (id, tenant_id, student_id, reminder_id, interview_id, rule_id, title, due_at)
        select v.id, v.tenant_id, v.student_id, v.reminder_id, v.interview_id, v.rule_id, v.title, v.due_at
          from json_to_recordset(${JSON.stringify(items)}::json)
            as v(id uuid, tenant_id uuid, student_id uuid, reminder_id uuid, interview_id uuid, rule_id text,
                 title text, due_at timestamptz)
        on conflict (reminder_id) do nothing
      )
      update ${reminderDeliveries}
         set status = 'delivered', attempts = attempts + 1,
             delivered_at = ${at}::timestamptz, last_attempt_at = ${at}::timestamptz, last_error = null
       where id in (select value::uuid from json_array_elements_text(${JSON.stringify(feed.map((d) => d.id))}::json))`);
  }

  private event(
    row: ReminderRow,
    student: { timeZone: string; externalId: string } | undefined,
    now: Date,
  ): Record<string, unknown> {
    const timeZone = student?.timeZone ?? 'UTC';
    return {
      type: row.kind === 'timed_transition' ? 'reminder.transition' : 'reminder.due',
      timestamp: now.toISOString(),
      data: {
        reminderId: row.id,
        occurrence: row.occurrence,
        kind: row.kind,
        sourceKey: row.sourceKey,
        tenantId: row.tenantId,
        studentId: row.studentId,
        studentExternalId: student?.externalId ?? null,
        interviewId: row.interviewId,
        contactId: row.payload.contactId,
        ruleId: row.payload.ruleId,
        title: row.payload.title,
        dueAt: row.dueAt.toISOString(),
        remindAt: row.remindAt.toISOString(),
        timeZone,
        dueAtLocal: localDateTime(row.dueAt, timeZone),
        explanation: row.payload.explanation,
      },
    };
  }

  /**
   * Works out every attempt's outcome (updating `due` in place) and returns the rows to write;
   * feed deliveries recorded themselves. A 410 disables its endpoint here and now.
   */
  private async record(
    due: ReminderDeliveryRow[],
    results: Map<string, AttemptResult>,
    feed: readonly ReminderDeliveryRow[],
    rowsById: Map<string, ReminderRow>,
  ): Promise<Attempted[]> {
    const now = this.clock();
    const nowIso = now.toISOString();
    const recordedByFeed = new Set(feed.map((d) => d.id));
    const values: Attempted[] = [];
    for (const delivery of due) {
      const result = results.get(delivery.id);
      if (!result) continue;
      const attempts = delivery.attempts + 1;
      let status: DeliveryStatus = 'pending';
      let nextAttemptAt: Date | null = null;
      if (result.ok) status = 'delivered';
      else if (result.gone || attempts > this.options.retryScheduleMs.length) status = 'failed';
      else {
        const delay = this.options.retryScheduleMs[attempts - 1]!;
        // ±10 % jitter so a receiver coming back is not hit by every retry in the same instant.
        nextAttemptAt = new Date(now.getTime() + Math.round(delay * (0.9 + Math.random() * 0.2)));
      }
      Object.assign(delivery, {
        status,
        attempts,
        nextAttemptAt,
        lastError: result.ok ? null : result.error,
        lastStatusCode: result.statusCode,
        lastAttemptAt: now,
        deliveredAt: result.ok ? now : null,
      });
      if (result.ok && recordedByFeed.has(delivery.id)) continue;
      values.push({
        id: delivery.id,
        reminder_id: delivery.reminderId,
        held: rowsById.get(delivery.reminderId)!.attempts,
        status,
        next_at: nextAttemptAt?.toISOString() ?? null,
        err: delivery.lastError,
        code: result.statusCode,
        at: nowIso,
        delivered_at: result.ok ? nowIso : null,
      });
      if (!result.ok) {
        this.options.log.warn(
          {
            reminderId: delivery.reminderId,
            deliveryId: delivery.id,
            channel: delivery.channel,
            attempts,
            status,
            error: result.error,
          },
          'reminder delivery attempt failed',
        );
        if (result.gone && delivery.channel === 'webhook' && result.statusCode === 410) {
          this.tenants.delete(rowsById.get(delivery.reminderId)?.tenantId ?? '');
          await this.db
            .update(webhookEndpoints)
            .set({
              disabledAt: now,
              disabledReason: 'the endpoint answered 410 Gone',
              updatedAt: now,
              version: sql`${webhookEndpoints.version} + 1`,
            })
            .where(and(eq(webhookEndpoints.id, delivery.target), isNull(webhookEndpoints.disabledAt)));
        }
      }
    }
    return values;
  }
}
