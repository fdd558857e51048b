import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { reminders } from '../db/schema/reminders.js';
import type { ServiceLogger } from '../services/context.js';
import type { ClaimedReminder } from './claim.js';
import { resultRows } from './result-rows.js';

/** A holder renews its lease this many times per lease, so one missed renewal loses nothing. */
const RENEWALS_PER_LEASE = 4;
/**
 * Renewed for at most this many leases from the claim: a holder stuck on a promise that never
 * settles (a connection gone half-open) must not keep its rows for ever — the lease running out
 * is still the safety net for a holder that is alive but no longer making progress.
 */
const MAX_LEASES_HELD = 10;

/**
 * Keeps a live holder's lease on the rows it is still working on. Without it, a holder slower
 * than its lease (a loaded machine, a burst queued behind the send concurrency, PostgreSQL
 * restarting) has its rows claimed by another dispatcher while it still sends them, and the
 * same webhook-id goes out once per lease until one holder records in time — the chaos suite
 * measured thousands of such repeats. Renewed, a row changes hands only when its holder stops
 * renewing (it died, or cannot reach PostgreSQL for a whole lease): at most one repeat per fault.
 * `attempts` fences the renewal as it fences the record: a row another holder took, or that was
 * cancelled or moved, is not renewed, and is marked lost here so nothing sends it.
 */
export class LeaseRenewal {
  private readonly holding = new Map<string, ClaimedReminder>();
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> | undefined;
  private readonly renewUntil: number;

  constructor(
    private readonly options: { db: Db; log: ServiceLogger; clock: () => Date; leaseMs: number },
    rows: readonly ClaimedReminder[],
  ) {
    for (const row of rows) this.holding.set(row.id, row);
    this.renewUntil = options.clock().getTime() + MAX_LEASES_HELD * options.leaseMs;
    this.schedule();
  }

  /** Rows settled (recorded): no longer renewed. */
  release(rows: readonly ClaimedReminder[]): void {
    for (const row of rows) this.holding.delete(row.id);
    if (this.holding.size === 0) this.stop();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.holding.clear();
  }

  private schedule(): void {
    if (this.holding.size === 0 || this.options.clock().getTime() >= this.renewUntil) return;
    this.timer = setTimeout(
      () => {
        this.renewing = this.renew().finally(() => {
          this.renewing = undefined;
          if (this.timer) this.schedule();
        });
      },
      Math.max(this.options.leaseMs / RENEWALS_PER_LEASE, 50),
    );
    this.timer.unref?.();
  }

  private async renew(): Promise<void> {
    const rows = [...this.holding.values()];
    if (rows.length === 0) return;
    const until = new Date(this.options.clock().getTime() + this.options.leaseMs);
    let renewed: { id: string; locked_until: string | Date }[];
    try {
      renewed = resultRows(
        await this.options.db.execute(sql`
          update ${reminders} as r
             set locked_until = greatest(r.locked_until, ${until.toISOString()}::timestamptz)
            from json_to_recordset(${JSON.stringify(rows.map((row) => ({ id: row.id, held: row.attempts })))}::json)
              as v(id uuid, held int)
           where r.id = v.id and r.status = 'delivering' and r.attempts = v.held
       returning r.id, r.locked_until`),
      );
    } catch (error) {
      // PostgreSQL unreachable: the lease in hand still bounds every send; the next try may land.
      this.options.log.warn({ err: error, reminders: rows.length }, 'could not renew reminder leases');
      return;
    }
    const byId = new Map(renewed.map((r) => [r.id, new Date(r.locked_until)]));
    for (const row of rows) {
      if (!this.holding.has(row.id)) continue;
      const lockedUntil = byId.get(row.id);
      // Taken over, cancelled or moved since: the send checks the lease and leaves it.
      row.lockedUntil = lockedUntil ?? new Date(0);
      if (!lockedUntil) this.holding.delete(row.id);
    }
  }

  /** Waits for a renewal in flight (so a settle never races one). */
  async settled(): Promise<void> {
    await this.renewing;
  }
}
