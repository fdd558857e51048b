import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderNames } from '../../scripts/gen-channels.js';
import type { Database } from '../../src/db/client.js';
import { feedItems } from '../../src/db/schema/feed-items.js';
import { choosableChannelsCheck } from '../../src/db/schema/reminder-channels.js';
import { deliveryChannelCheck, reminderDeliveries } from '../../src/db/schema/reminder-deliveries.js';
import { reminders } from '../../src/db/schema/reminders.js';
import {
  CHOOSABLE_CHANNELS,
  DEFAULT_CHANNELS,
  REMINDER_CHANNELS,
} from '../../src/lib/reminder-channels.gen.js';
import { type ChannelAdapter, defineChannel, type SendReport } from '../../src/reminders/channels/channel.js';
import { CHANNELS, choosableChannels, defaultChannels } from '../../src/reminders/channels/registry.js';
import { resultRows } from '../../src/reminders/result-rows.js';
import { createFeedItems } from '../../src/services/feed/create.js';
import { setStudentReminderChannels } from '../../src/services/reminder-channels/set.js';
import { createTestDatabase, drivers } from '../helper.js';
import {
  adminCtx,
  dispatcherFor,
  reminderConfig,
  seedReminders,
  seedStudent,
  seedTenant,
} from './fixtures.js';

const names = (channels: readonly ChannelAdapter[]) => channels.map((c) => c.name);

describe('the channel registry', () => {
  it('is the one channel list: the generated names, the choosable ones and the defaults derive from it', () => {
    expect([...REMINDER_CHANNELS]).toEqual(names(CHANNELS));
    expect([...CHOOSABLE_CHANNELS]).toEqual(names(choosableChannels()));
    expect([...DEFAULT_CHANNELS]).toEqual(names(defaultChannels()));
    // The committed file is what the generator writes now (pnpm docs:gen after a registry change).
    const committed = readFileSync(
      new URL('../../src/lib/reminder-channels.gen.ts', import.meta.url),
      'utf8',
    );
    expect(committed).toBe(renderNames());
  });

  it('names each channel once, and each has a file of its own name', () => {
    expect(new Set(names(CHANNELS)).size).toBe(CHANNELS.length);
    for (const name of names(CHANNELS)) {
      expect(() =>
        readFileSync(new URL(`../../src/reminders/channels/${name}.ts`, import.meta.url)),
      ).not.toThrow();
    }
  });
});

describe.each(drivers)('reminder channels in the database (%s)', (driver) => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase(driver));
  });
  afterAll(async () => {
    await drop?.();
  });

  /** The channel names a check constraint of the migrated database allows (`'feed'::text`, or `"feed"` in JSON). */
  async function allowed(constraint: string, quoted: RegExp): Promise<string[]> {
    const [row] = resultRows<{ def: string }>(
      await database.db.execute(
        sql`select pg_get_constraintdef(oid) as def from pg_constraint where conname = ${constraint}`,
      ),
    );
    expect(row, `the check ${constraint}`).toBeDefined();
    return [...row!.def.matchAll(quoted)].map((m) => m[1]!);
  }

  it('the migrations hold deliveries and choices to the registry (a test, since a migration is SQL)', async () => {
    expect((await allowed('reminder_deliveries_channel_check', /'([a-z_]+)'::text/g)).sort()).toEqual(
      names(CHANNELS).sort(),
    );
    expect((await allowed('reminder_channel_preferences_channels_check', /"([a-z_]+)"/g)).sort()).toEqual(
      names(choosableChannels()).sort(),
    );
  });

  it('refuses a channel the registry does not have, and a choice of a channel no one chooses', async () => {
    const db = database.db;
    const { tenantId } = await seedTenant(db);
    const studentId = await seedStudent(db, tenantId);
    const ctx = adminCtx(db, tenantId);
    const choose = (channels: string[]) =>
      setStudentReminderChannels({ ctx, input: { studentId, channels: channels as never } });
    await expect(choose(['pigeon'])).rejects.toThrow();
    await expect(choose(['transition'])).rejects.toThrow();
    await expect(choose(['feed'])).resolves.toMatchObject({ channels: ['feed'] });
  });

  it("the feed service writes one item per reminder, and only into the context's tenant", async () => {
    const db = database.db;
    const a = await seedTenant(db);
    const b = await seedTenant(db);
    const studentId = await seedStudent(db, a.tenantId);
    await seedReminders(db, a.tenantId, studentId, [
      { key: 'fed', remindAt: new Date(Date.now() + 3_600_000) },
    ]);
    const [reminder] = await db.select().from(reminders).where(eq(reminders.studentId, studentId));
    const item = {
      studentId,
      reminderId: reminder!.id,
      interviewId: null,
      ruleId: reminder!.payload.ruleId,
      title: reminder!.payload.title,
      dueAt: reminder!.dueAt,
    };
    await createFeedItems({ ctx: adminCtx(db, b.tenantId), input: { items: [item] } });
    expect(await db.select().from(feedItems).where(eq(feedItems.studentId, studentId))).toHaveLength(0);
    await createFeedItems({ ctx: adminCtx(db, a.tenantId), input: { items: [item] } });
    await createFeedItems({ ctx: adminCtx(db, a.tenantId), input: { items: [item] } });
    const items = await db.select().from(feedItems).where(eq(feedItems.studentId, studentId));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ tenantId: a.tenantId, reminderId: reminder!.id, title: item.title });
  });

  it('a channel defined here is planned for whoever chose it, sent at its time, retried and recorded', async () => {
    const db = database.db;
    // What the migration for a new channel does: the checks widened by the same derivation.
    await db.execute(
      sql`alter table ${reminderDeliveries} drop constraint reminder_deliveries_channel_check`,
    );
    await db.execute(
      sql`alter table ${reminderDeliveries} add constraint reminder_deliveries_channel_check check (${deliveryChannelCheck([...REMINDER_CHANNELS, 'pigeon'])})`,
    );
    await db.execute(
      sql`alter table reminder_channel_preferences drop constraint reminder_channel_preferences_channels_check`,
    );
    await db.execute(
      sql`alter table reminder_channel_preferences add constraint reminder_channel_preferences_channels_check check (${choosableChannelsCheck([...CHOOSABLE_CHANNELS, 'pigeon'])})`,
    );

    const sent: { deliveryId: string; to: string; text: string; at: number }[] = [];
    let failFirst = true;
    const pigeon = defineChannel<undefined, { to: string; text: string }>({
      name: 'pigeon',
      description: 'a carrier pigeon to the student',
      kinds: ['task'],
      choosable: true,
      byDefault: false,
      open: () => ({
        plan: (_reminder, student) => (student ? [''] : []),
        build: ({ reminder, student }) => ({ to: student!.externalId, text: reminder.payload.title }),
        send: async (message, { delivery }): Promise<SendReport> => {
          sent.push({ deliveryId: delivery.id, ...message, at: Date.now() });
          if (failFirst) {
            failFirst = false;
            return { statusCode: null, error: 'the pigeon got lost' };
          }
          return { statusCode: null, error: null };
        },
        classify: (report) => (report.error === null ? 'delivered' : 'retry'),
      }),
    });

    const { tenantId } = await seedTenant(db);
    const chooser = await seedStudent(db, tenantId);
    const other = await seedStudent(db, tenantId);
    await setStudentReminderChannels({
      ctx: adminCtx(db, tenantId),
      input: { studentId: chooser, channels: ['pigeon', 'feed'] as never },
    });
    const remindAt = new Date(Date.now() - 10);
    await seedReminders(db, tenantId, chooser, [{ key: 'coo', remindAt }]);
    await seedReminders(db, tenantId, other, [{ key: 'coo-too', remindAt }]);
    const withPigeon = dispatcherFor(db, reminderConfig({ retryScheduleMs: [100] }), {
      channels: [...CHANNELS, pigeon],
    });

    const reminderOf = async (studentId: string) =>
      (await db.select().from(reminders).where(eq(reminders.studentId, studentId)))[0]!;
    const deliveriesOf = async (studentId: string) =>
      db
        .select()
        .from(reminderDeliveries)
        .where(eq(reminderDeliveries.reminderId, (await reminderOf(studentId)).id));

    await withPigeon.dispatchDue({ tenantId });
    // Planned for the student who chose it (beside the feed they also chose), not for the other.
    const first = await deliveriesOf(chooser);
    expect(first.map((d) => d.channel).sort()).toEqual(['feed', 'pigeon']);
    expect(first.find((d) => (d.channel as string) === 'pigeon')).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'the pigeon got lost',
    });
    expect((await reminderOf(chooser)).status).toBe('delivering');
    expect((await deliveriesOf(other)).map((d) => d.channel)).not.toContain('pigeon');
    expect((await reminderOf(other)).status).toBe('delivered');

    // The retry falls due on the schedule; the same delivery row is sent again and recorded.
    await new Promise((r) => setTimeout(r, 150));
    await withPigeon.dispatchDue({ tenantId });
    const pigeonRow = (await deliveriesOf(chooser)).find((d) => (d.channel as string) === 'pigeon')!;
    expect(pigeonRow).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });
    expect((await reminderOf(chooser)).status).toBe('delivered');
    const reminder = await reminderOf(chooser);
    expect(sent).toHaveLength(2);
    expect(sent.every((s) => s.deliveryId === pigeonRow.id && s.text === reminder.payload.title)).toBe(true);
    expect(sent[0]!.at).toBeGreaterThanOrEqual(remindAt.getTime());
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(90);
    // Nothing more to send: a third look changes nothing.
    await withPigeon.dispatchDue({ tenantId });
    expect(sent).toHaveLength(2);
    expect(await db.select().from(feedItems).where(eq(feedItems.studentId, chooser))).toHaveLength(1);
  });
});
