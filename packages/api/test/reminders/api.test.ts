import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type InfoviewApp } from '../../src/app.js';
import type { Database } from '../../src/db/client.js';
import { reminders } from '../../src/db/schema/reminders.js';
import { createReminderRuntime } from '../../src/reminders/runtime.js';
import { createMailer } from '../../src/reminders/transports/smtp.js';
import { call, createTestDatabase, drivers, problemOf, testConfig } from '../helper.js';
import {
  adminCtx,
  dispatcherFor,
  type Receiver,
  reminderConfig,
  seedReminders,
  seedStudent,
  seedTenant,
  startReceiver,
  waitFor,
} from './fixtures.js';

describe.each(drivers)('reminders over the API (%s)', (driver) => {
  let database: Database;
  let drop: () => Promise<void>;
  let app: InfoviewApp;
  let receiver: Receiver;

  beforeAll(async () => {
    ({ database, drop } = await createTestDatabase(driver));
    receiver = await startReceiver();
    const config = testConfig({ reminders: reminderConfig({ pollIntervalMs: 200 }) });
    app = await buildApp(config, { database });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
    await drop?.();
  });

  it('test clock: advancing 14 days delivers the follow-up now — feed and signed webhook', async () => {
    const db = database.db;
    const { tenantId, adminKey } = await seedTenant(db, { sandbox: true });
    const t0 = new Date('2030-01-06T09:00:00.000Z');
    const set = await call(app, 'POST', '/test-clock', { key: adminKey, body: { at: t0.toISOString() } });
    expect(set.statusCode).toBe(200);
    expect(set.json().frozenTime).toBe(t0.toISOString());
    // Services read the simulated time: a student created now is created "in 2030".
    const student = await call(app, 'POST', '/students', {
      key: adminKey,
      body: { externalId: 'clock-1', name: 'Clara Clock', timeZone: 'America/Chicago' },
    });
    expect(student.statusCode).toBe(201);
    expect(student.json().createdAt).toBe(t0.toISOString());
    const studentId: string = student.json().id;
    const hook = await call(app, 'POST', '/webhooks', { key: adminKey, body: { url: receiver.url } });
    expect(hook.statusCode).toBe(201);
    expect(hook.json().secret).toMatch(/^whsec_/);
    receiver.secrets.push(hook.json().secret);
    const due = new Date(t0.getTime() + 14 * 86_400_000);
    await seedReminders(db, tenantId, studentId, [{ key: 'follow-up', remindAt: due }], () => t0);
    await new Promise((r) => setTimeout(r, 300));
    expect((await db.select().from(reminders).where(eq(reminders.studentId, studentId)))[0]!.status).toBe(
      'pending',
    );

    const advanced = await call(app, 'POST', '/test-clock/advance', { key: adminKey, body: { by: 'P14D' } });
    expect(advanced.statusCode).toBe(200);
    expect(advanced.json().frozenTime).toBe(due.toISOString());
    const feed = await waitFor('the feed item', async () => {
      const page = await call(app, 'GET', '/feed', { key: adminKey, query: { studentId } });
      return page.json().data.length === 1 ? page.json().data : undefined;
    });
    expect(feed[0]).toMatchObject({ title: 'Follow up (follow-up)', ruleId: 'follow_up.due', readAt: null });
    const hit = await waitFor('the webhook', () =>
      receiver.received.find((h) => h.data.studentExternalId === 'clock-1'),
    );
    expect(hit.verified).toBe(true);
    expect(hit.data).toMatchObject({
      dueAt: due.toISOString(),
      timeZone: 'America/Chicago',
      dueAtLocal: '2030-01-20T03:00',
    });

    const read = await call(app, 'POST', `/feed/${feed[0].id}/read`, { key: adminKey });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBe(due.toISOString());
    const unread = await call(app, 'GET', '/feed', { key: adminKey, query: { studentId, unread: 'true' } });
    expect(unread.json().data).toEqual([]);

    // The receiver answered; the attempt is recorded right after.
    const log = await waitFor('the delivery log', async () => {
      const page = await call(app, 'GET', `/webhooks/${hook.json().id}/deliveries`, { key: adminKey });
      return page.json().data[0]?.status === 'delivered' ? page : undefined;
    });
    expect(log.statusCode).toBe(200);
    expect(log.json().data).toMatchObject([
      { id: hit.id, status: 'delivered', attempts: 1, lastStatusCode: 204 },
    ]);

    expect(
      (await call(app, 'POST', '/test-clock', { key: adminKey, body: { at: t0.toISOString() } })).statusCode,
    ).toBe(422);
    expect((await call(app, 'DELETE', '/test-clock', { key: adminKey })).statusCode).toBe(204);
    expect(problemOf(await call(app, 'GET', '/test-clock', { key: adminKey })).code).toBe(
      'test_clock.not_found',
    );
  });

  it('real tenants have no test clock (409) and students may not set one (403)', async () => {
    const { adminKey } = await seedTenant(database.db);
    const refused = await call(app, 'POST', '/test-clock/advance', { key: adminKey, body: { by: 3600 } });
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused).code).toBe('test_clock.not_sandbox');
    expect(problemOf(await call(app, 'GET', '/test-clock', { key: adminKey })).code).toBe(
      'test_clock.not_sandbox',
    );
  });

  it('webhook endpoints: other tenants see 404, rotation shows a new secret once', async () => {
    const a = await seedTenant(database.db);
    const b = await seedTenant(database.db);
    const created = await call(app, 'POST', '/webhooks', {
      key: a.adminKey,
      body: { url: 'https://example.org/h' },
    });
    const id = created.json().id;
    expect((await call(app, 'GET', `/webhooks/${id}`, { key: b.adminKey })).statusCode).toBe(404);
    const got = await call(app, 'GET', `/webhooks/${id}`, { key: a.adminKey });
    expect(got.json()).not.toHaveProperty('secret');
    const rotated = await call(app, 'POST', `/webhooks/${id}/rotate-secret`, { key: a.adminKey });
    expect(rotated.json().secret).not.toBe(created.json().secret);
    expect(rotated.json().previousSecretExpiresAt).not.toBeNull();
    const bad = await call(app, 'POST', '/webhooks', { key: a.adminKey, body: { url: 'ftp://example.org' } });
    expect(problemOf(bad).code).toBe('webhook_endpoint.url_invalid');
    expect((await call(app, 'DELETE', `/webhooks/${id}`, { key: a.adminKey })).statusCode).toBe(204);
  });

  it('channels per tenant and per student', async () => {
    const { tenantId, adminKey } = await seedTenant(database.db);
    const studentId = await seedStudent(database.db, tenantId);
    expect((await call(app, 'GET', '/reminder-channels', { key: adminKey })).json()).toEqual({
      channels: ['feed', 'webhook', 'email'],
      source: 'default',
    });
    await call(app, 'PUT', '/reminder-channels', { key: adminKey, body: { channels: ['feed'] } });
    expect(
      (await call(app, 'GET', `/students/${studentId}/reminder-channels`, { key: adminKey })).json(),
    ).toEqual({
      channels: ['feed'],
      source: 'tenant',
    });
    const put = await call(app, 'PUT', `/students/${studentId}/reminder-channels`, {
      key: adminKey,
      body: { channels: ['email', 'webhook'] },
    });
    expect(put.json()).toEqual({ channels: ['email', 'webhook'], source: 'student' });
    await seedReminders(database.db, tenantId, studentId, [
      { key: 'x', remindAt: new Date(Date.now() - 10) },
    ]);
    // No endpoint and no email address: nothing to send, the reminder is settled without a delivery.
    await dispatcherFor(database.db, reminderConfig()).dispatchDue({ tenantId });
    const [row] = await database.db.select().from(reminders).where(eq(reminders.studentId, studentId));
    expect(row!.status).toBe('delivered');
  });

  it('email over SMTP: a real server on loopback receives the reminder, in the student time zone', async () => {
    const messages: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          messages.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    const port = (smtp.server.address() as AddressInfo).port;
    const mailer = createMailer(`smtp://127.0.0.1:${port}`, 'Infoview <reminders@example.org>');
    try {
      const { tenantId } = await seedTenant(database.db);
      const studentId = await seedStudent(database.db, tenantId, {
        email: 'ada@example.org',
        timeZone: 'Asia/Tokyo',
      });
      // The default channels include email; the student has an address and SMTP is configured.
      const due = new Date('2029-03-01T00:30:00.000Z');
      // Due in a minute, and this dispatcher runs a minute ahead: the app's own in-process
      // driver (which has no mailer) cannot claim the row first.
      await seedReminders(database.db, tenantId, studentId, [
        { key: 'mail', remindAt: new Date(Date.now() + 60_000) },
      ]);
      await database.db.update(reminders).set({ dueAt: due }).where(eq(reminders.studentId, studentId));
      const ahead = () => new Date(Date.now() + 120_000);
      await dispatcherFor(database.db, reminderConfig(), { mailer, clock: ahead }).dispatchDue({ tenantId });
      const [row] = await database.db.select().from(reminders).where(eq(reminders.studentId, studentId));
      expect(row!.status).toBe('delivered');
      const message = messages.find((m) => m.includes(row!.id))!;
      expect(message).toBeDefined();
      const [head, body] = [
        message.slice(0, message.indexOf('\r\n\r\n')),
        message.slice(message.indexOf('\r\n\r\n') + 4),
      ];
      const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1];
      expect(header('To')).toBe('ada@example.org');
      expect(header('Subject')).toBe('Follow up (mail)');
      expect(header('X-Infoview-Reminder-Id')).toBe(row!.id);
      expect(header('Message-ID')).toMatch(/@reminders\.infoview>$/);
      // 00:30 UTC is 09:30 in Tokyo.
      expect(body.replace(/=\r\n/g, '')).toContain('Due 2029-03-01 09:30 (Asia/Tokyo)');
    } finally {
      mailer.close();
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });

  it('/readyz includes the reminder driver', async () => {
    const response = await call(app, 'GET', '/readyz');
    expect(response.json().checks).toMatchObject({ reminders: 'ok' });
  });

  it('builds a runtime from config: in-process without REDIS_URL', () => {
    const runtime = createReminderRuntime({
      config: testConfig(),
      db: database.db,
      log: adminCtx(database.db, '').log,
    });
    expect(runtime.driver.name).toBe('in-process');
  });
});
