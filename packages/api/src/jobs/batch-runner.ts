import type { ServiceLogger } from '../services/context.js';

/** What one batch of a durable job did: enough to hand its reminders on. */
export interface BatchDone {
  tenantId: string;
}

export interface BatchRunnerOptions {
  log: ServiceLogger;
  /** Runs the next batch of the oldest waiting job, in one transaction; null when none waits. */
  runBatch: () => Promise<BatchDone | null>;
  /** How often to look for a job when nothing woke the runner (a job queued by another process). */
  pollIntervalMs?: number;
  /** Hands the reminders a batch committed to the reminder driver (the post-commit half of the outbox). */
  afterBatch?: (tenantId: string, since: Date) => Promise<void>;
  /** What the log calls the jobs. */
  name: string;
}

/**
 * Works through durable jobs kept in PostgreSQL (re-evaluations, imports) in the background, one
 * batch at a time, in the API process and in the worker alike: jobs are claimed per batch with
 * `SKIP LOCKED`, so any number of runners share them and a stopped one loses nothing.
 */
export class BatchRunner {
  private readonly pollIntervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  private again = false;

  constructor(private readonly options: BatchRunnerOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Looks for work now (a job was just queued), or right after the pass in progress. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(0);
  }

  /** Stops looking; the batch in progress finishes (its transaction commits or rolls back whole). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Runs batches until no job waits (tests, the CLI); the number of batches run. */
  drain(): Promise<number> {
    return this.run(() => false);
  }

  private async run(stop: () => boolean): Promise<number> {
    let batches = 0;
    while (!stop()) {
      // A little slack: the reminders' updated_at is the database's clock.
      const since = new Date(Date.now() - 1000);
      let outcome: BatchDone | null;
      try {
        outcome = await this.options.runBatch();
      } catch (error) {
        this.options.log.error(
          { err: (error as Error).message },
          `${this.options.name} batch failed; retrying later`,
        );
        return batches;
      }
      if (!outcome) return batches;
      batches += 1;
      await this.options.afterBatch?.(outcome.tenantId, since).catch((error: Error) => {
        this.options.log.warn(
          { err: error.message },
          `could not schedule reminders after a ${this.options.name} batch`,
        );
      });
    }
    return batches;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.running = this.run(() => this.stopped).finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        this.schedule(this.again ? 0 : this.pollIntervalMs);
        this.again = false;
      });
    }, ms);
    this.timer.unref();
  }
}
