import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { reminders } from '../db/schema/reminders.js';
import type { ServiceLogger } from '../services/context.js';
import type { ClaimedReminder } from './claim.js';
import { groupBy } from './group-by.js';
import { resultRows } from './result-rows.js';

/**
 * A row claimed ahead is looked at again this long before it falls due (at the start of its
 * slice of time): a cancel or a snooze committed by then stops it.
 */
const RECHECK_LEAD_MS = 100;
const RECHECK_SLICE_MS = 100;

/** Resolves once `clock` reached `at` (at once when it has). */
export async function waitUntil(clock: () => Date, at: number): Promise<void> {
  for (let wait = at - clock().getTime(); wait > 0; wait = at - clock().getTime()) {
    await new Promise((r) => setTimeout(r, wait));
  }
}

/** Which of these rows this dispatcher still holds (not cancelled, moved or taken over). */
async function stillHeld(db: Db, log: ServiceLogger, rows: readonly ClaimedReminder[]): Promise<Set<string>> {
  try {
    const held = resultRows<{ id: string }>(
      await db.execute(sql`
        select r.id from ${reminders} as r
          join json_to_recordset(${JSON.stringify(rows.map((r) => ({ id: r.id, held: r.attempts })))}::json)
            as v(id uuid, held int) on r.id = v.id
         where r.status = 'delivering' and r.attempts = v.held`),
    );
    return new Set(held.map((r) => r.id));
  } catch (error) {
    log.warn({ err: error }, 'could not look at claimed reminders again');
    return new Set();
  }
}

/**
 * Rows claimed ahead of their time are looked at once more shortly before they fall due, one
 * query per slice of time: a cancel or a move (snooze) committed until then stops them. Rows
 * due now were just claimed and need no second look. A failed look sends nothing: the rows
 * are claimed again.
 */
export function recheck(
  options: { db: Db; log: ServiceLogger; clock: () => Date },
  rows: readonly ClaimedReminder[],
  now: number,
): (row: ClaimedReminder) => Promise<boolean> {
  const sliceOf = (row: ClaimedReminder) =>
    row.notBefore - RECHECK_LEAD_MS > now ? Math.floor(row.notBefore / RECHECK_SLICE_MS) : undefined;
  const checks = new Map<number, Promise<Set<string>>>();
  for (const [slice, members] of groupBy(rows, sliceOf)) {
    checks.set(
      slice,
      waitUntil(options.clock, slice * RECHECK_SLICE_MS - RECHECK_LEAD_MS).then(() =>
        stillHeld(options.db, options.log, members),
      ),
    );
  }
  const yes = Promise.resolve(true);
  return (row) => {
    const slice = sliceOf(row);
    return slice === undefined ? yes : checks.get(slice)!.then((held) => held.has(row.id));
  };
}
