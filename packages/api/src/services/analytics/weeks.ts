const DAY = 86_400_000;

/**
 * The week an instant falls in: its Monday as `YYYY-MM-DD`, weeks running Monday 00:00 to
 * Sunday 24:00 UTC (one zone for a whole tenant, so weeks add up across students in any zone).
 * Example: `weekOf(Date.parse('2026-12-03T10:00:00Z')) === '2026-11-30'`.
 */
export function weekOf(at: number): string {
  const day = Math.floor(at / DAY);
  let week = mondays.get(day);
  if (week === undefined) {
    // 1970-01-01 was a Thursday: day 0 is weekday 3 counted from Monday = 0.
    const monday = day - ((((day + 3) % 7) + 7) % 7);
    week = new Date(monday * DAY).toISOString().slice(0, 10);
    if (mondays.size > 100_000) mondays.clear();
    mondays.set(day, week);
  }
  return week;
}

// Day number → its Monday: a contribution asks for the same few weeks many times.
const mondays = new Map<number, string>();

/** The Mondays from `from`'s week to `to`'s week, both `YYYY-MM-DD`, in order. */
export function weeksBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (
    let at = Date.parse(`${weekOf(Date.parse(`${from}T00:00:00Z`))}T00:00:00Z`);
    at <= end;
    at += 7 * DAY
  ) {
    out.push(new Date(at).toISOString().slice(0, 10));
  }
  return out;
}

/** Whole days from `from` to `to` (24-hour periods, rounded down; never negative). */
export function wholeDays(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / DAY));
}
