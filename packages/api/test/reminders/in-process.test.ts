import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { feedItems } from '../../src/db/schema/feed-items.js';
import { reminderDeliveries } from '../../src/db/schema/reminder-deliveries.js';
import { reminders } from '../../src/db/schema/reminders.js';
import { webhookEndpoints } from '../../src/db/schema/webhook-endpoints.js';
import { claimDueReminders } from '../../src/reminders/claim.js';
import { InProcessDriver } from '../../src/reminders/in-process-driver.js';
import { syncReminders } from '../../src/services/reminders/sync.js';
import { rotateWebhookSecret } from '../../src/services/webhook-endpoints/rotate-secret.js';
import { createTestDatabase, drivers } from '../helper.js';
import {
  adminCtx,
  dispatcherFor,
  type Receiver,
  reminderConfig,
  seedEndpoint,
  seedReminders,
  seedStudent,
  seedTenant,
  silentLog,
  startReceiver,
  waitFor,
} from './fixtures.js';

describe.each(drivers)('reminders, in-process driver (%s)', (driver) => {
  let database: Database;
  let drop: () => Promise<void>;
  let receiver: Receiver;

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase(driver));
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await drop?.();
  });

  /** A tenant with one student and one endpoint at the shared receiver. */
  async function setup() {
    const db = database.db;
    const { tenantId } = await seedTenant(db);
    const studentId = await seedStudent(db, tenantId);
    const endpoint = await seedEndpoint(db, tenantId, receiver.url);
    receiver.secrets.push(endpoint.secret);
    return { db, tenantId, studentId, endpoint };
  }

  const deliveriesOf = (reminderId: string) =>
    database.db.select().from(reminderDeliveries).where(eq(reminderDeliveries.reminderId, reminderId));
  const reminderRows = (studentId: string) =>
    database.db.select().from(reminders).where(eq(reminders.studentId, studentId));

  it('claims with FOR UPDATE SKIP LOCKED: a due row goes to exactly one claimer', async () => {
    const { db, tenantId, studentId } = await setup();
    await seedReminders(db, tenantId, studentId, [{ key: 'k1', remindAt: new Date(Date.now() - 1000) }]);
    const claims = await Promise.all(
      Array.from({ length: 5 }, () =>
        claimDueReminders(db, { now: new Date(), leaseMs: 60_000, limit: 10, tenantId }),
      ),
    );
    expect(claims.flat()).toHaveLength(1);
    expect(claims.flat()[0]!.status).toBe('delivering');
  });

  it('delivers due reminders exactly once, none early, to the feed and a signed webhook', async () => {
    const { db, tenantId, studentId } = await setup();
    const t0 = Date.now();
    await seedReminders(db, tenantId, studentId, [
      { key: 'past-1', remindAt: new Date(t0 - 60_000) },
      { key: 'past-2', remindAt: new Date(t0 - 1000) },
      { key: 'soon-1', remindAt: new Date(t0 + 700) },
      { key: 'soon-2', remindAt: new Date(t0 + 1200) },
      { key: 'later', remindAt: new Date(t0 + 3_600_000) },
    ]);
    const settings = reminderConfig();
    // Two drivers on the same database, as two API processes would run.
    const drivers = [0, 1].map(
      () =>
        new InProcessDriver({
          db,
          dispatcher: dispatcherFor(db, settings),
          log: silentLog,
          pollIntervalMs: 100,
        }),
    );
    await Promise.all(drivers.map((d) => d.start()));
    try {
      await waitFor('four deliveries', async () => {
        const rows = await reminderRows(studentId);
        return rows.filter((r) => r.status === 'delivered').length === 4;
      });
      // Give a duplicate every chance to show up.
      await new Promise((r) => setTimeout(r, 400));
    } finally {
      await Promise.all(drivers.map((d) => d.stop()));
    }
    const rows = await reminderRows(studentId);
    expect(rows.find((r) => r.sourceKey === 'later')!.status).toBe('pending');
    const mine = receiver.received.filter((h) => rows.some((r) => r.id === h.data.reminderId));
    expect(mine).toHaveLength(4);
    expect(new Set(mine.map((h) => h.data.reminderId)).size).toBe(4);
    for (const hit of mine) {
      expect(hit.verified).toBe(true);
      expect(hit.receivedAt).toBeGreaterThanOrEqual(Date.parse(hit.data.remindAt));
    }
    const feed = await db.select().from(feedItems).where(eq(feedItems.studentId, studentId));
    expect(feed).toHaveLength(4);
  });

  it('a reminder claimed ahead is looked at again before its time: cancelled, it is not sent; moved, it waits again', async () => {
    const { db, tenantId, studentId } = await setup();
    const t0 = Date.now();
    const at = (ms: number) => new Date(t0 + ms);
    await seedReminders(db, tenantId, studentId, [
      { key: 'cancel-me', remindAt: at(1500) },
      { key: 'move-me', remindAt: at(1600) },
      { key: 'keep', remindAt: at(1700) },
    ]);
    // A 20 s lease lets the dispatcher claim 3 s ahead: all three at once, now.
    const dispatcher = dispatcherFor(db, reminderConfig({ leaseMs: 20_000 }));
    const running = dispatcher.runUntil(t0 + 2000);
    await waitFor('all three claimed ahead', async () =>
      (await reminderRows(studentId)).every((r) => r.status === 'delivering'),
    );
    const claimed = await reminderRows(studentId);
    const byKey = (key: string) => claimed.find((r) => r.sourceKey === key)!;
    // The delivery rows exist already (written when the rows were prepared).
    await waitFor('delivery rows written', async () => (await deliveriesOf(byKey('move-me').id)).length > 0);
    const [moveDelivery] = (await deliveriesOf(byKey('move-me').id)).filter((d) => d.channel === 'webhook');
    // Before their time, the task behind one goes away and another is snoozed (same occurrence,
    // same due time, a later reminder).
    await db.transaction((tx) =>
      syncReminders({
        ctx: { ...adminCtx(tx, tenantId), inTransaction: true },
        input: {
          studentId,
          specs: (['move-me', 'keep'] as const).map((key) => ({
            kind: 'task' as const,
            sourceKey: key,
            interviewId: null,
            dueAt: byKey(key).dueAt,
            remindAt: key === 'move-me' ? at(2600) : byKey(key).remindAt,
            payload: byKey(key).payload,
          })),
        },
      }),
    );
    expect(Date.now()).toBeLessThan(t0 + 1300);
    await running;
    const after = await reminderRows(studentId);
    expect(after).toHaveLength(3);
    const now = (key: string) => after.find((r) => r.sourceKey === key)!;
    expect(now('cancel-me')).toMatchObject({ status: 'cancelled', lockedUntil: null });
    expect(await deliveriesOf(byKey('cancel-me').id)).toEqual([]);
    expect(now('move-me')).toMatchObject({ status: 'pending', lockedUntil: null });
    expect(now('move-me').remindAt.getTime()).toBe(t0 + 2600);
    expect(now('keep').status).toBe('delivered');
    const hitsFor = (key: string) => receiver.received.filter((h) => h.data.reminderId === byKey(key).id);
    expect(hitsFor('cancel-me')).toHaveLength(0);
    expect(hitsFor('move-me')).toHaveLength(0);
    expect(hitsFor('keep')).toHaveLength(1);
    // At its new time the moved one is sent, once, under the delivery id it was prepared with.
    await dispatcher.runUntil(t0 + 3000);
    expect((await reminderRows(studentId)).find((r) => r.sourceKey === 'move-me')!.status).toBe('delivered');
    const moved = hitsFor('move-me');
    expect(moved).toHaveLength(1);
    expect(moved[0]!.receivedAt).toBeGreaterThanOrEqual(t0 + 2600);
    expect(moved[0]!.id).toBe(moveDelivery!.id);
    expect(moved[0]!.verified).toBe(true);
  });

  it('retries a failing receiver on the schedule, then delivers; the webhook-id stays the same', async () => {
    const { db, tenantId, studentId } = await setup();
    await seedReminders(db, tenantId, studentId, [{ key: 'retry', remindAt: new Date(Date.now() - 10) }]);
    const [row] = await reminderRows(studentId);
    receiver.respond = (hit, count) => ({
      status: hit.data.reminderId === row!.id && count <= 2 ? 500 : 204,
    });
    const dispatcher = dispatcherFor(db, reminderConfig({ retryScheduleMs: [150, 300, 300] }));
    const driver = new InProcessDriver({ db, dispatcher, log: silentLog, pollIntervalMs: 50 });
    await driver.start();
    try {
      await waitFor(
        'delivered after retries',
        async () => (await reminderRows(studentId))[0]!.status === 'delivered',
      );
    } finally {
      await driver.stop();
      receiver.respond = () => ({ status: 204 });
    }
    const hits = receiver.received.filter((h) => h.data.reminderId === row!.id);
    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((h) => h.id)).size).toBe(1);
    // Backoff: ≥ 150 ms −10 % jitter, then ≥ 300 ms −10 %.
    expect(hits[1]!.receivedAt - hits[0]!.receivedAt).toBeGreaterThanOrEqual(130);
    expect(hits[2]!.receivedAt - hits[1]!.receivedAt).toBeGreaterThanOrEqual(265);
    const [delivery] = (await deliveriesOf(row!.id)).filter((d) => d.channel === 'webhook');
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204 });
  });

  it('gives up after the last retry: the delivery and the reminder are failed', async () => {
    const { db, tenantId, studentId } = await setup();
    await db.transaction(async () => {});
    await seedReminders(db, tenantId, studentId, [{ key: 'give-up', remindAt: new Date(Date.now() - 10) }]);
    const [row] = await reminderRows(studentId);
    receiver.respond = (hit) => ({ status: hit.data.reminderId === row!.id ? 503 : 204 });
    const dispatcher = dispatcherFor(db, reminderConfig({ retryScheduleMs: [50, 50] }));
    const driver = new InProcessDriver({ db, dispatcher, log: silentLog, pollIntervalMs: 50 });
    await driver.start();
    try {
      await waitFor('webhook failed', async () => {
        const d = (await deliveriesOf(row!.id)).find((x) => x.channel === 'webhook');
        return d?.status === 'failed';
      });
      await waitFor(
        'reminder settled',
        async () => (await reminderRows(studentId))[0]!.status !== 'delivering',
      );
    } finally {
      await driver.stop();
      receiver.respond = () => ({ status: 204 });
    }
    expect(receiver.received.filter((h) => h.data.reminderId === row!.id)).toHaveLength(3);
    // The feed got it, so the reminder counts as delivered; the log keeps the webhook failure.
    expect((await reminderRows(studentId))[0]).toMatchObject({ status: 'delivered' });
    expect((await deliveriesOf(row!.id)).find((d) => d.channel === 'webhook')).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastStatusCode: 503,
    });
  });

  it('times out a receiver that does not answer, then retries', async () => {
    const { db, tenantId, studentId } = await setup();
    await seedReminders(db, tenantId, studentId, [{ key: 'slow', remindAt: new Date(Date.now() - 10) }]);
    const [row] = await reminderRows(studentId);
    receiver.respond = (hit, count) => ({
      status: 204,
      delayMs: hit.data.reminderId === row!.id && count === 1 ? 1500 : 0,
    });
    const dispatcher = dispatcherFor(db, reminderConfig({ webhookTimeoutMs: 200, retryScheduleMs: [100] }));
    try {
      await dispatcher.dispatchDue({ tenantId });
      const [first] = (await deliveriesOf(row!.id)).filter((d) => d.channel === 'webhook');
      expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'no answer within 200 ms' });
      await new Promise((r) => setTimeout(r, 150));
      await dispatcher.dispatchDue({ tenantId });
    } finally {
      receiver.respond = () => ({ status: 204 });
    }
    const [second] = (await deliveriesOf(row!.id)).filter((d) => d.channel === 'webhook');
    expect(second).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('a 410 disables the endpoint: that delivery fails at once and later reminders skip it', async () => {
    const { db, tenantId, studentId, endpoint } = await setup();
    await seedReminders(db, tenantId, studentId, [{ key: 'gone', remindAt: new Date(Date.now() - 10) }]);
    const [row] = await reminderRows(studentId);
    receiver.respond = (hit) => ({ status: hit.data.reminderId === row!.id ? 410 : 204 });
    const dispatcher = dispatcherFor(db, reminderConfig());
    try {
      await dispatcher.dispatchDue({ tenantId });
    } finally {
      receiver.respond = () => ({ status: 204 });
    }
    expect((await deliveriesOf(row!.id)).find((d) => d.channel === 'webhook')).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastStatusCode: 410,
    });
    const [ep] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(ep!.disabledAt).not.toBeNull();
    await seedReminders(db, tenantId, studentId, [
      { key: 'gone', remindAt: row!.remindAt },
      { key: 'after', remindAt: new Date(Date.now() - 10) },
    ]);
    await dispatcher.dispatchDue({ tenantId });
    const after = (await reminderRows(studentId)).find((r) => r.sourceKey === 'after')!;
    expect(after.status).toBe('delivered');
    expect((await deliveriesOf(after.id)).map((d) => d.channel)).toEqual(['feed']);
  });

  it('signatures: a tampered body or an old timestamp is rejected by the verifier', async () => {
    const { db, tenantId, studentId, endpoint } = await setup();
    await seedReminders(db, tenantId, studentId, [{ key: 'sig', remindAt: new Date(Date.now() - 10) }]);
    const [row] = await reminderRows(studentId);
    await dispatcherFor(db, reminderConfig()).dispatchDue({ tenantId });
    const hit = receiver.received.find((h) => h.data.reminderId === row!.id)!;
    const wh = new Webhook(endpoint.secret);
    const headers = {
      'webhook-id': hit.id,
      'webhook-timestamp': hit.timestamp,
      'webhook-signature': hit.signature,
    };
    expect(wh.verify(hit.body, headers)).toMatchObject({
      type: 'reminder.due',
      data: { reminderId: row!.id },
    });
    expect(() => wh.verify(hit.body.replace('Follow up', 'Fellow up'), headers)).toThrow();
    const old = String(Number(hit.timestamp) - 600);
    const resigned = wh.sign(hit.id, new Date(Number(old) * 1000), hit.body);
    expect(() =>
      wh.verify(hit.body, { ...headers, 'webhook-timestamp': old, 'webhook-signature': resigned }),
    ).toThrow(/timestamp/i);
    expect(hit.headers['content-type']).toBe('application/json');
  });

  it('a message prepared ahead but sent over a second after its timestamp is signed again when sent', async () => {
    const { db, tenantId, studentId } = await setup();
    await seedReminders(db, tenantId, studentId, [
      { key: 'first', remindAt: new Date(Date.now() - 1000) },
      { key: 'second', remindAt: new Date(Date.now() - 1000) },
    ]);
    // Both are prepared (signed) at the claim; the clock then jumps 3 s while the first is sent.
    let offset = 0;
    const clock = () => new Date(Date.now() + offset);
    const dispatcher = dispatcherFor(db, reminderConfig({ concurrency: 1, leaseMs: 60_000 }), { clock });
    const answer = receiver.respond;
    receiver.respond = (hit, count) => {
      offset = 3000;
      return answer(hit, count);
    };
    try {
      await dispatcher.dispatchDue({ tenantId });
    } finally {
      receiver.respond = answer;
    }
    const ids = new Set((await reminderRows(studentId)).map((r) => r.id));
    const [first, second] = receiver.received
      .filter((h) => ids.has(h.data.reminderId))
      .sort((a, b) => a.receivedAt - b.receivedAt);
    expect(first!.verified && second!.verified).toBe(true);
    // Sent at the jumped clock, so signed for it, body and header alike; not with the claim's time.
    expect(Number(second!.timestamp) - Number(first!.timestamp)).toBeGreaterThanOrEqual(3);
    const bodyAt = Date.parse(JSON.parse(second!.body).timestamp);
    expect(Math.floor(bodyAt / 1000)).toBe(Number(second!.timestamp));
  });

  it('secret rotation: both the new and the old secret verify for 24 hours', async () => {
    const { db, tenantId, studentId, endpoint } = await setup();
    const rotated = await rotateWebhookSecret({ ctx: adminCtx(db, tenantId), input: { id: endpoint.id } });
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.previousSecretExpiresAt!) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    await seedReminders(db, tenantId, studentId, [{ key: 'rot', remindAt: new Date(Date.now() - 10) }]);
    const [row] = await reminderRows(studentId);
    await dispatcherFor(db, reminderConfig()).dispatchDue({ tenantId });
    const hit = receiver.received.find((h) => h.data.reminderId === row!.id)!;
    expect(hit.signature.split(' ')).toHaveLength(2);
    const headers = {
      'webhook-id': hit.id,
      'webhook-timestamp': hit.timestamp,
      'webhook-signature': hit.signature,
    };
    expect(() => new Webhook(rotated.secret).verify(hit.body, headers)).not.toThrow();
    expect(() => new Webhook(endpoint.secret).verify(hit.body, headers)).not.toThrow();
  });

  it('a timed transition calls the port, once, with the interview and the key', async () => {
    const { db, tenantId, studentId } = await setup();
    const interviewId = crypto.randomUUID();
    await seedReminders(db, tenantId, studentId, [
      {
        key: `interview:${interviewId}:unresponsive`,
        kind: 'timed_transition',
        interviewId,
        remindAt: new Date(Date.now() - 10),
      },
    ]);
    const calls: { interviewId: string; key: string; tenantId: string }[] = [];
    const dispatcher = dispatcherFor(db, reminderConfig(), {
      applyTimedTransition: async ({ ctx, input }) => {
        calls.push({ ...input, tenantId: ctx.tenantId });
      },
    });
    await dispatcher.dispatchDue({ tenantId });
    await dispatcher.dispatchDue({ tenantId });
    expect(calls).toEqual([{ interviewId, key: `interview:${interviewId}:unresponsive`, tenantId }]);
    expect((await reminderRows(studentId))[0]!.status).toBe('delivered');
    expect(receiver.received.filter((h) => h.data.interviewId === interviewId)).toHaveLength(0);
  });
});
