import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { reminders } from '../db/schema/reminders.js';
import type { ServiceLogger } from '../services/context.js';
import type { ReminderDispatcher } from './dispatcher.js';
import type { ReminderDriver } from './driver.js';

export interface InProcessDriverOptions {
  db: Db;
  dispatcher: ReminderDispatcher;
  log: ServiceLogger;
  /** The longest sleep: a row written by another process is found at most this late. */
  pollIntervalMs: number;
  clock?: () => Date;
}

/**
 * The embedded driver: one timer that claims due rows (FOR UPDATE SKIP LOCKED, so several API
 * processes may run it side by side), then sleeps until the next `remind_at` or lease, bounded
 * by the poll interval.
 */
export class InProcessDriver implements ReminderDriver {
  readonly name = 'in-process' as const;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  /** When the timer fires next (real time). */
  private timerAt = 0;
  private readonly clock: () => Date;

  constructor(private readonly options: InProcessDriverOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  async afterCommit(tenantId: string, since: Date): Promise<void> {
    if (this.stopped) return;
    // Wake early only when the request wrote a reminder due before the timer would fire.
    const [row] = await this.options.db
      .select({ at: sql<string | Date | null>`min(${reminders.remindAt})` })
      .from(reminders)
      .where(
        and(
          eq(reminders.tenantId, tenantId),
          eq(reminders.status, 'pending'),
          sql`${reminders.updatedAt} >= ${since.toISOString()}::timestamptz`,
        ),
      );
    if (row?.at && new Date(row.at).getTime() < this.timerAt) this.wake();
  }

  async wakeTenant(tenantId: string): Promise<number> {
    return this.options.dispatcher.dispatchDue({ tenantId });
  }

  async ping(): Promise<void> {
    if (this.stopped) throw new Error('the reminder driver is stopped');
  }

  /** Runs a pass now (or right after the one in progress). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timerAt = 0;
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async pass(): Promise<void> {
    let delay = this.options.pollIntervalMs;
    try {
      await this.options.dispatcher.dispatchDue();
      const next = await this.options.dispatcher.nextWakeAt();
      if (next) delay = Math.min(delay, Math.max(next.getTime() - this.clock().getTime(), 0));
    } catch (error) {
      this.options.log.error({ err: error }, 'reminder dispatch pass failed');
    }
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timerAt = this.clock().getTime() + delay;
    this.timer = setTimeout(() => this.wake(), delay);
    this.timer.unref?.();
  }
}
