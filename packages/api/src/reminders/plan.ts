import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { reminderChannelPreferences } from '../db/schema/reminder-channels.js';
import type { ReminderRow } from '../db/schema/reminders.js';
import { students } from '../db/schema/students.js';
import type { ChannelAdapter, ChannelEnv, OpenChannel, ReminderStudent } from './channels/channel.js';
import { defaultChannels } from './channels/registry.js';

/** A channel of the registry, opened for this dispatcher. */
export interface OpenedChannel {
  adapter: ChannelAdapter;
  channel: OpenChannel<unknown, unknown>;
}

/** A claimed batch as planning and building need it: its students, their channels, each channel's context. */
export interface LoadedBatch {
  students: Map<string, ReminderStudent>;
  /** The channels chosen, by student id and by `tenant:<id>`. */
  chosen: Map<string, readonly string[]>;
  /** What each channel loaded for the batch, by channel name. */
  contexts: Map<string, unknown>;
}

/** One delivery to insert: one reminder on one channel and target. */
export interface Planned {
  reminderId: string;
  tenantId: string;
  channel: string;
  target: string;
}

/** Tenant settings change rarely; a second of staleness saves a query per batch. */
const TENANT_CACHE_MS = 1000;

/**
 * Works out where each claimed reminder goes: the channels the student (else the tenant, else
 * the registry's defaults) chose among those that carry its kind, plus every channel no one
 * chooses that carries it (timed transitions), then each channel's own targets.
 */
export class DeliveryPlanner {
  /** The tenant's default choice, cached: `undefined` when the tenant chose nothing. */
  private readonly tenantChoices = new Map<
    string,
    { channels: readonly string[] | undefined; expires: number }
  >();
  private readonly defaults: readonly string[];
  /** Opened channels by name, in registry order. */
  readonly channels: Map<string, OpenedChannel>;

  constructor(
    private readonly db: Db,
    adapters: readonly ChannelAdapter[],
    env: ChannelEnv,
  ) {
    this.channels = new Map(
      adapters.map((adapter) => [adapter.name, { adapter, channel: adapter.open(env) }]),
    );
    this.defaults = defaultChannels(adapters).map((c) => c.name);
  }

  /** One query for the students and their choices, the tenants' choices (cached), and each channel's `load`. */
  async load(rows: readonly ReminderRow[]): Promise<LoadedBatch> {
    const studentIds = [...new Set(rows.map((r) => r.studentId))];
    const contexts = new Map<string, unknown>();
    const [studentRows, tenantChoices] = await Promise.all([
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
      this.tenantChoicesOf([...new Set(rows.map((r) => r.tenantId))]),
      ...[...this.channels].map(async ([name, { adapter, channel }]) => {
        const theirs = rows.filter((r) => adapter.kinds.includes(r.kind));
        if (theirs.length > 0 && channel.load) contexts.set(name, await channel.load(theirs));
      }),
    ]);
    const chosen = new Map<string, readonly string[]>();
    for (const [tenantId, channels] of tenantChoices)
      if (channels) chosen.set(`tenant:${tenantId}`, channels);
    for (const s of studentRows) if (s.channels) chosen.set(s.id, s.channels);
    return { students: new Map(studentRows.map((s) => [s.id, s])), chosen, contexts };
  }

  plan(row: ReminderRow, batch: LoadedBatch): Planned[] {
    const chosen =
      batch.chosen.get(row.studentId) ?? batch.chosen.get(`tenant:${row.tenantId}`) ?? this.defaults;
    const names = [
      ...chosen.filter((name) => this.channels.get(name)?.adapter.choosable),
      ...[...this.channels.values()].filter((c) => !c.adapter.choosable).map((c) => c.adapter.name),
    ];
    const student = batch.students.get(row.studentId);
    const planned: Planned[] = [];
    for (const name of names) {
      const { adapter, channel } = this.channels.get(name)!;
      if (!adapter.kinds.includes(row.kind)) continue;
      for (const target of channel.plan(row, student, batch.contexts.get(name)))
        planned.push({ reminderId: row.id, tenantId: row.tenantId, channel: name, target });
    }
    return planned;
  }

  private async tenantChoicesOf(tenantIds: string[]): Promise<Map<string, readonly string[] | undefined>> {
    const now = Date.now();
    const result = new Map<string, readonly string[] | undefined>();
    const misses: string[] = [];
    for (const id of tenantIds) {
      const hit = this.tenantChoices.get(id);
      if (hit && hit.expires > now) result.set(id, hit.channels);
      else misses.push(id);
    }
    if (misses.length === 0) return result;
    const rows = await this.db
      .select()
      .from(reminderChannelPreferences)
      .where(
        and(
          inArray(reminderChannelPreferences.tenantId, misses),
          isNull(reminderChannelPreferences.studentId),
        ),
      );
    if (this.tenantChoices.size > 10_000) this.tenantChoices.clear();
    for (const id of misses) {
      const channels = rows.find((p) => p.tenantId === id)?.channels;
      this.tenantChoices.set(id, { channels, expires: now + TENANT_CACHE_MS });
      result.set(id, channels);
    }
    return result;
  }
}
