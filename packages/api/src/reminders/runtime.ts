import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { ServiceLogger } from '../services/context.js';
import { BullmqDriver } from './bullmq-driver.js';
import { ReminderDispatcher } from './dispatcher.js';
import type { ReminderDriver } from './driver.js';
import { InProcessDriver } from './in-process-driver.js';
import { type ApplyTimedTransition, applyTimedTransitionFromService } from './timed-transition.js';
import { createMailer } from './transports/smtp.js';

export interface ReminderRuntime {
  driver: ReminderDriver;
  dispatcher: ReminderDispatcher;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ReminderRuntimeOptions {
  config: Config;
  db: Db;
  log: ServiceLogger;
  /** Run a BullMQ worker here (defaults to `config.reminders.workerInProcess`). */
  worker?: boolean;
  applyTimedTransition?: ApplyTimedTransition;
  clock?: () => Date;
}

/** The dispatcher and the driver the configuration asks for: BullMQ with REDIS_URL, else in-process. */
export function createReminderRuntime(options: ReminderRuntimeOptions): ReminderRuntime {
  const { config, db, log } = options;
  const settings = config.reminders;
  const mailer = settings.smtpUrl ? createMailer(settings.smtpUrl, settings.emailFrom) : undefined;
  const dispatcher = new ReminderDispatcher({
    db,
    log,
    ...(options.clock ? { clock: options.clock } : {}),
    leaseMs: settings.leaseMs,
    concurrency: settings.concurrency,
    retryScheduleMs: settings.retryScheduleMs,
    webhookTimeoutMs: settings.webhookTimeoutMs,
    mailer,
    applyTimedTransition: options.applyTimedTransition ?? applyTimedTransitionFromService,
  });
  const driver: ReminderDriver = config.redisUrl
    ? new BullmqDriver({
        db,
        dispatcher,
        log,
        redisUrl: config.redisUrl,
        queueName: settings.queueName,
        worker: options.worker ?? settings.workerInProcess,
        concurrency: settings.concurrency,
        lockDurationMs: settings.lockDurationMs,
        reconcileIntervalMs: settings.reconcileIntervalMs,
        ...(options.clock ? { clock: options.clock } : {}),
      })
    : new InProcessDriver({
        db,
        dispatcher,
        log,
        pollIntervalMs: settings.pollIntervalMs,
        ...(options.clock ? { clock: options.clock } : {}),
      });
  return {
    driver,
    dispatcher,
    start: () => driver.start(),
    stop: async () => {
      await driver.stop();
      mailer?.close();
    },
  };
}
