import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { type Config, loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/client.js';
import type { ChannelAdapter } from '../../src/reminders/channels/channel.js';
import { ReminderDispatcher } from '../../src/reminders/dispatcher.js';
import { SYSTEM_ACTOR } from '../../src/reminders/system-context.js';
import type { ApplyTimedTransition } from '../../src/reminders/timed-transition.js';
import { insertApiKey } from '../../src/services/api-keys/insert.js';
import { generateApiKey } from '../../src/services/api-keys/secret.js';
import type { ServiceContext } from '../../src/services/context.js';
import { type ReminderSpec, syncReminders } from '../../src/services/reminders/sync.js';
import { createStudent } from '../../src/services/students/create.js';
import { createTenant } from '../../src/services/tenants/create.js';
import { createWebhookEndpoint } from '../../src/services/webhook-endpoints/create.js';

export const silentLog = { info() {}, warn() {}, error() {} };

export function adminCtx(db: Db, tenantId: string, now: () => Date = () => new Date()): ServiceContext {
  return { db, tenantId, actor: SYSTEM_ACTOR, now, log: silentLog };
}

export function reminderConfig(overrides: Partial<Config['reminders']> = {}): Config['reminders'] {
  return {
    ...loadConfig({}).reminders,
    pollIntervalMs: 100,
    leaseMs: 5000,
    retryScheduleMs: [100, 200, 300],
    webhookTimeoutMs: 2000,
    ...overrides,
  };
}

export async function seedTenant(db: Db, options: { sandbox?: boolean } = {}) {
  const tenant = await createTenant({
    ctx: { db, now: () => new Date() },
    input: { name: 'Reminder University', sandbox: options.sandbox ?? false },
  });
  const adminKey = generateApiKey(options.sandbox ?? false);
  await insertApiKey(db, new Date(), {
    tenantId: tenant.id,
    name: 'admin',
    secret: adminKey,
    scope: 'admin',
  });
  return { tenantId: tenant.id, adminKey };
}

let studentCounter = 0;
export async function seedStudent(
  db: Db,
  tenantId: string,
  options: { email?: string; timeZone?: string } = {},
): Promise<string> {
  const student = await createStudent({
    ctx: adminCtx(db, tenantId),
    input: {
      externalId: `s-${Date.now()}-${studentCounter++}`,
      name: 'Ada Student',
      email: options.email ?? null,
      timeZone: options.timeZone ?? 'Europe/Paris',
    },
  });
  return student.id;
}

/** Writes the student's reminders through the outbox service, as the interview services do. */
export async function seedReminders(
  db: Db,
  tenantId: string,
  studentId: string,
  items: { key: string; remindAt: Date; kind?: ReminderSpec['kind']; interviewId?: string }[],
  now: () => Date = () => new Date(),
): Promise<void> {
  const specs: ReminderSpec[] = items.map((i) => ({
    kind: i.kind ?? 'task',
    sourceKey: i.key,
    interviewId: i.interviewId ?? null,
    dueAt: i.remindAt,
    remindAt: i.remindAt,
    payload: { title: `Follow up (${i.key})`, ruleId: 'follow_up.due', contactId: null, explanation: {} },
  }));
  await db.transaction((tx) =>
    syncReminders({
      ctx: { ...adminCtx(tx, tenantId, now), inTransaction: true },
      input: { studentId, specs },
    }),
  );
}

export async function seedEndpoint(db: Db, tenantId: string, url: string) {
  return createWebhookEndpoint({ ctx: adminCtx(db, tenantId), input: { url } });
}

export function dispatcherFor(
  db: Db,
  settings: Config['reminders'],
  extra: {
    applyTimedTransition?: ApplyTimedTransition;
    mailer?: ConstructorParameters<typeof ReminderDispatcher>[0]['mailer'];
    clock?: () => Date;
    channels?: readonly ChannelAdapter[];
  } = {},
) {
  return new ReminderDispatcher({
    db,
    log: silentLog,
    leaseMs: settings.leaseMs,
    concurrency: settings.concurrency,
    retryScheduleMs: settings.retryScheduleMs,
    webhookTimeoutMs: settings.webhookTimeoutMs,
    mailer: extra.mailer,
    applyTimedTransition: extra.applyTimedTransition ?? (async () => {}),
    ...(extra.clock ? { clock: extra.clock } : {}),
    ...(extra.channels ? { channels: extra.channels } : {}),
  });
}

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  headers: IncomingHttpHeaders;
  receivedAt: number;
  /** Verified with any of the receiver's secrets (standardwebhooks' Webhook class). */
  verified: boolean;
  data: { reminderId: string; remindAt: string; [k: string]: unknown };
}

export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  secrets: string[];
  /** Decides the answer: a status code, optionally after a delay. */
  respond: (hit: ReceivedWebhook, count: number) => { status: number; delayMs?: number };
  close(): Promise<void>;
}

/** A real HTTP receiver on loopback that verifies every signature like an integrator would. */
export async function startReceiver(): Promise<Receiver> {
  const receiver = {
    received: [] as ReceivedWebhook[],
    secrets: [] as string[],
    respond: () => ({ status: 204 }),
  } as unknown as Receiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      };
      const verified = receiver.secrets.some((secret) => {
        try {
          new Webhook(secret).verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      let data: ReceivedWebhook['data'] = { reminderId: '', remindAt: '' };
      try {
        data = JSON.parse(body).data;
      } catch {}
      const hit: ReceivedWebhook = {
        id: headers['webhook-id'],
        timestamp: headers['webhook-timestamp'],
        signature: headers['webhook-signature'],
        body,
        headers: req.headers,
        receivedAt: Date.now(),
        verified,
        data,
      };
      receiver.received.push(hit);
      const count = receiver.received.filter((r) => r.id === hit.id).length;
      const { status, delayMs } = receiver.respond(hit, count);
      const answer = () => {
        if (!res.destroyed) res.writeHead(status).end();
      };
      if (delayMs) setTimeout(answer, delayMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  receiver.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
  everyMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
