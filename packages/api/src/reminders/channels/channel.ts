import type { Db } from '../../db/client.js';
import type { ReminderDeliveryRow } from '../../db/schema/reminder-deliveries.js';
import type { ReminderKind, ReminderRow } from '../../db/schema/reminders.js';
import type { ServiceLogger } from '../../services/context.js';
import type { ApplyTimedTransition } from '../timed-transition.js';
import type { Mailer } from '../transports/smtp.js';

/** The student a reminder is for, as every channel may need them (loaded once per batch). */
export interface ReminderStudent {
  email: string | null;
  timeZone: string;
  externalId: string;
}

/** What the delivery layer hands a channel when it opens it (once per dispatcher). */
export interface ChannelEnv {
  db: Db;
  log: ServiceLogger;
  /** Real time; a tenant's test clock is the transition channel's own business. */
  clock: () => Date;
  webhookTimeoutMs: number;
  /** The SMTP transport, when the operator configured one. */
  mailer: Mailer | undefined;
  applyTimedTransition: ApplyTimedTransition;
}

/** One delivery about to be built: the reminder, its row in `reminder_deliveries`, the student. */
export interface Occurrence<Context> {
  reminder: ReminderRow;
  delivery: ReminderDeliveryRow;
  student: ReminderStudent | undefined;
  /** What the channel loaded for the batch (`load`). */
  context: Context;
}

/**
 * What one send reports, before the channel classifies it. `error` null: the receiver took it.
 * `gone`: the target no longer exists (a deleted endpoint, no address), never worth a retry.
 */
export interface SendReport {
  statusCode: number | null;
  error: string | null;
  gone?: boolean;
}

/** What becomes of a delivery after an attempt: settled, tried again on the retry schedule, or given up. */
export type Verdict = 'delivered' | 'retry' | 'failed';

/** The usual reading of a report: taken is delivered, a target gone is failed, anything else is retried. */
export const classifyReport = (report: SendReport): Verdict =>
  report.error === null ? 'delivered' : report.gone ? 'failed' : 'retry';

/**
 * A channel opened for one dispatcher: how it plans an occurrence, builds it, sends it and
 * classifies the outcome. The delivery layer does the rest (claiming, delivery rows, timing,
 * retries, recording) the same way for every channel.
 */
export interface OpenChannel<Context, Message> {
  /** Loads what planning and building need for a batch of reminders (one or two queries, not one per row). */
  load?(reminders: readonly ReminderRow[]): Promise<Context>;
  /**
   * The targets of one reminder on this channel: a delivery row each (`''` for a channel with a
   * single target, an endpoint id per webhook endpoint); none when there is nothing to send to.
   */
  plan(reminder: ReminderRow, student: ReminderStudent | undefined, context: Context): readonly string[];
  /** The message for the instant `at`: built before the reminder falls due, so sending is only I/O. */
  build(occurrence: Occurrence<Context>, at: Date): Message;
  /** Sends one message; a throw counts as an error to retry. */
  send(message: Message, occurrence: Occurrence<Context>): Promise<SendReport>;
  /**
   * Sends many at once, when the channel's effect is cheaper in bulk (one statement for a slice
   * of rows): the slice is then sent together once its last reminder fell due.
   */
  sendMany?(items: readonly { message: Message; occurrence: Occurrence<Context> }[]): Promise<SendReport[]>;
  classify(report: SendReport): Verdict;
  /** Told when a delivery failed for good (e.g. a 410 disables the webhook endpoint). */
  onFailed?(delivery: ReminderDeliveryRow, report: SendReport): Promise<void>;
}

/** A reminder channel: what it is (the registry derives the channel list from these) and how to open it. */
export interface ChannelAdapter<Context = unknown, Message = unknown> {
  /** Stored in `reminder_deliveries.channel` and, for a choosable channel, in the API. */
  readonly name: string;
  /** One line for the API reference and the docs. */
  readonly description: string;
  /** Which reminders it carries. */
  readonly kinds: readonly ReminderKind[];
  /**
   * Tenants and students choose it in `PUT /reminder-channels` (and it is in the default list
   * when `byDefault`); a channel that is not choosable carries every reminder of its kinds.
   */
  readonly choosable: boolean;
  readonly byDefault: boolean;
  open(env: ChannelEnv): OpenChannel<Context, Message>;
}

/** Type-checks a channel's parts against each other (its context and message types). */
export const defineChannel = <Context, Message>(
  adapter: ChannelAdapter<Context, Message>,
): ChannelAdapter<Context, Message> => adapter;
