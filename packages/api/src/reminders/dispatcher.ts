import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
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
import { type AttemptResult, sendWebhook, type WebhookTarget } from './channels/webhook.js';
import { claimDueReminders, claimReminder, nextWakeAt } from './claim.js';
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

/** What became of one reminder a queue asked about: when to ask again (null: never). */
export interface DispatchOutcome {
  wakeAt: Date | null;
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

async function mapLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}

/**
 * Claims due reminders from PostgreSQL and delivers them through their channels. Every driver
 * (in-process timer, BullMQ worker, a test clock's advance) ends here, so delivery semantics
 * are the same everywhere: a row per reminder and channel makes each effect happen once.
 */
/** How many due rows one claim takes. */
const BATCH_SIZE = 50;
/** A settled row's outcome answers its own job without a query for this long. */
const OUTCOME_TTL_MS = 10 * 60_000;
const MAX_OUTCOMES = 200_000;

/** Tenant settings change rarely; a second of staleness saves two queries per reminder. */
const TENANT_CACHE_MS = 1000;

interface TenantSettings {
  endpoints: WebhookTarget[];
  channels: ReminderChannel[] | undefined;
  expires: number;
}

export class ReminderDispatcher {
  private readonly db: Db;
  private readonly clock: () => Date;
  private readonly tenants = new Map<string, TenantSettings>();
  /** Rows being delivered by this dispatcher, and what became of them (for their own jobs). */
  private readonly inFlight = new Map<string, Promise<Date | null>>();
  private readonly outcomes = new Map<string, { wakeAt: Date | null; expires: number }>();

  constructor(private readonly options: DispatcherOptions) {
    this.db = options.db;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Claims and delivers everything due (optionally for one tenant); returns how many were handled. */
  async dispatchDue(filter: { tenantId?: string } = {}): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await claimDueReminders(this.db, {
        now: this.clock(),
        leaseMs: this.options.leaseMs,
        limit: BATCH_SIZE,
        tenantId: filter.tenantId,
      });
      if (rows.length === 0) return total;
      await this.process(rows);
      total += rows.length;
    }
  }

  /**
   * "Reminder X may be due": claims it if so (and, in the same batch, up to a batch of other
   * due rows whose own jobs will then find their outcome here without a query), otherwise
   * says when to look again.
   */
  async dispatchOne(reminderId: string): Promise<DispatchOutcome> {
    const flying = this.inFlight.get(reminderId);
    if (flying) return { wakeAt: await flying };
    const known = this.outcomes.get(reminderId);
    if (known) {
      this.outcomes.delete(reminderId);
      if (known.expires > Date.now()) return { wakeAt: known.wakeAt };
    }
    const now = this.clock();
    const claimed = await claimReminder(this.db, { id: reminderId, now, leaseMs: this.options.leaseMs });
    if (claimed) {
      const others = await claimDueReminders(this.db, {
        now,
        leaseMs: this.options.leaseMs,
        limit: BATCH_SIZE - 1,
      });
      const wakes = await this.track([claimed, ...others]);
      this.outcomes.delete(reminderId);
      return { wakeAt: wakes.get(reminderId) ?? null };
    }
    const [row] = await this.db
      .select({
        status: reminders.status,
        remindAt: reminders.remindAt,
        lockedUntil: reminders.lockedUntil,
        frozenTime: testClocks.frozenTime,
      })
      .from(reminders)
      .leftJoin(testClocks, eq(testClocks.tenantId, reminders.tenantId))
      .where(eq(reminders.id, reminderId));
    if (!row) return { wakeAt: null };
    if (row.status === 'pending') {
      const wait = row.remindAt.getTime() - (row.frozenTime ?? now).getTime();
      // Due but not claimed: another dispatcher holds the row lock this instant.
      return { wakeAt: new Date(now.getTime() + Math.max(wait, 1000)) };
    }
    if (row.status === 'delivering' && row.lockedUntil) {
      return { wakeAt: new Date(Math.max(row.lockedUntil.getTime(), now.getTime()) + 50) };
    }
    return { wakeAt: null };
  }

  nextWakeAt(): Promise<Date | null> {
    return nextWakeAt(this.db);
  }

  /** Processes a batch and remembers each row's outcome for the jobs that will ask about it. */
  private async track(rows: readonly ReminderRow[]): Promise<Map<string, Date | null>> {
    const processing = this.process(rows);
    for (const row of rows)
      this.inFlight.set(
        row.id,
        processing.then((w) => w.get(row.id) ?? null),
      );
    const wakes = await processing;
    const expires = Date.now() + OUTCOME_TTL_MS;
    for (const row of rows) {
      this.inFlight.delete(row.id);
      this.outcomes.set(row.id, { wakeAt: wakes.get(row.id) ?? null, expires });
    }
    // Oldest first (a Map keeps insertion order): forget beyond the bound.
    for (const key of this.outcomes.keys()) {
      if (this.outcomes.size <= MAX_OUTCOMES) break;
      this.outcomes.delete(key);
    }
    return wakes;
  }

  /** Delivers claimed rows; returns, per reminder still in flight, when its next retry falls due. */
  async process(rows: readonly ReminderRow[]): Promise<Map<string, Date | null>> {
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
  private async processBatch(rows: readonly ReminderRow[]): Promise<Map<string, Date | null>> {
    const batch = await this.load(rows);
    const planned = rows.flatMap((row) => this.plan(row, batch));
    let deliveries: ReminderDeliveryRow[] = [];
    if (planned.length > 0) {
      deliveries = await this.db
        .insert(reminderDeliveries)
        .values(planned.map((p) => ({ id: newId(), ...p })))
        .onConflictDoNothing()
        .returning();
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
    const rowsById = new Map(rows.map((r) => [r.id, r]));
    const now = this.clock();
    const due = deliveries.filter(
      (d) => d.status === 'pending' && (!d.nextAttemptAt || d.nextAttemptAt <= now),
    );
    const feed = due.filter((d) => d.channel === 'feed');
    const others = due.filter((d) => d.channel !== 'feed');
    const results = new Map<string, AttemptResult>();
    await Promise.all([
      feed.length === 0
        ? undefined
        : this.deliverToFeed(feed, rowsById, now).then(
            () => {
              for (const d of feed) results.set(d.id, { ok: true, statusCode: null });
            },
            (error: Error) => {
              for (const d of feed) results.set(d.id, { ok: false, statusCode: null, error: error.message });
            },
          ),
      mapLimit(others, this.options.concurrency, async (d) => {
        results.set(d.id, await this.attempt(rowsById.get(d.reminderId)!, d, batch));
      }),
    ]);
    await this.record(due, results, feed, rowsById);
    return this.settle(rows, deliveries);
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
  private async settle(
    rows: readonly ReminderRow[],
    deliveries: readonly ReminderDeliveryRow[],
  ): Promise<Map<string, Date | null>> {
    const now = this.clock();
    const byReminder = new Map<string, ReminderDeliveryRow[]>();
    for (const d of deliveries) byReminder.set(d.reminderId, [...(byReminder.get(d.reminderId) ?? []), d]);
    const wakes = new Map<string, Date | null>();
    const done: SQL[] = [];
    const held: SQL[] = [];
    for (const row of rows) {
      const mine = byReminder.get(row.id) ?? [];
      const open = mine.filter((d) => d.status === 'pending');
      const lastError = (open.length > 0 ? open : mine).find((d) => d.lastError)?.lastError ?? null;
      if (open.length > 0) {
        const wakeAt = new Date(Math.min(...open.map((d) => (d.nextAttemptAt ?? now).getTime())));
        wakes.set(row.id, wakeAt);
        held.push(
          sql`(${row.id}::uuid, ${row.attempts}::int, ${wakeAt.toISOString()}::timestamptz, ${lastError}::text)`,
        );
      } else {
        wakes.set(row.id, null);
        const failedAll = mine.length > 0 && mine.every((d) => d.status === 'failed');
        done.push(
          sql`(${row.id}::uuid, ${row.attempts}::int, ${failedAll ? 'failed' : 'delivered'}::text, ${failedAll ? null : now.toISOString()}::timestamptz, ${lastError}::text)`,
        );
      }
    }
    // `attempts` fences a holder whose lease ran out while it worked: its settle changes nothing.
    if (done.length > 0) {
      await this.db.execute(sql`
        update ${reminders} as r
           set status = v.status, locked_until = null, delivered_at = v.delivered_at, last_error = v.err
          from (values ${sql.join(done, sql`, `)}) as v(id, attempts, status, delivered_at, err)
         where r.id = v.id and r.status = 'delivering' and r.attempts = v.attempts`);
    }
    if (held.length > 0) {
      await this.db.execute(sql`
        update ${reminders} as r
           set locked_until = v.until, last_error = v.err
          from (values ${sql.join(held, sql`, `)}) as v(id, attempts, until, err)
         where r.id = v.id and r.status = 'delivering' and r.attempts = v.attempts`);
    }
    return wakes;
  }

  private async attempt(
    row: ReminderRow,
    delivery: ReminderDeliveryRow,
    batch: Batch,
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
          const body = JSON.stringify(this.event(row, student, now));
          const result = await sendWebhook(
            endpoint,
            { id: delivery.id, body },
            { timeoutMs: this.options.webhookTimeoutMs, now },
          );
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
      return sql`(${newId(now.getTime())}::uuid, ${row.tenantId}::uuid, ${row.studentId}::uuid, ${row.id}::uuid,
        ${row.interviewId}::uuid, ${row.payload.ruleId}::text, ${row.payload.title}::text, ${row.dueAt.toISOString()}::timestamptz)`;
    });
    const ids = feed.map((d) => sql`${d.id}::uuid`);
    await this.db.execute(sql`
      with item as (
        insert into ${feedItems} (id, tenant_id, student_id, reminder_id, interview_id, rule_id, title, due_at)
        values ${sql.join(items, sql`, `)}
        on conflict (reminder_id) do nothing
      )
      update ${reminderDeliveries}
         set status = 'delivered', attempts = attempts + 1,
             delivered_at = ${at}::timestamptz, last_attempt_at = ${at}::timestamptz, last_error = null
       where id in (${sql.join(ids, sql`, `)})`);
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

  /** Records every attempt of the batch in one statement (feed rows recorded themselves) and updates `due` in place. */
  private async record(
    due: ReminderDeliveryRow[],
    results: Map<string, AttemptResult>,
    feed: readonly ReminderDeliveryRow[],
    rowsById: Map<string, ReminderRow>,
  ): Promise<void> {
    const now = this.clock();
    const recordedByFeed = new Set(feed.map((d) => d.id));
    const values: SQL[] = [];
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
      values.push(
        sql`(${delivery.id}::uuid, ${status}::text, ${nextAttemptAt?.toISOString() ?? null}::timestamptz, ${delivery.lastError}::text, ${result.statusCode}::int, ${result.ok ? now.toISOString() : null}::timestamptz)`,
      );
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
    if (values.length === 0) return;
    await this.db.execute(sql`
      update ${reminderDeliveries} as d
         set status = v.status, attempts = d.attempts + 1, next_attempt_at = v.next_at, last_error = v.err,
             last_status_code = v.code, last_attempt_at = ${now.toISOString()}::timestamptz, delivered_at = v.delivered_at
        from (values ${sql.join(values, sql`, `)}) as v(id, status, next_at, err, code, delivered_at)
       where d.id = v.id`);
  }
}
