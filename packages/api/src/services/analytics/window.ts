import { ServiceError } from '../../errors.js';
import { weekOf, weeksBetween } from './weeks.js';

/** The longest window one request may ask for. */
export const MAX_WEEKS = 104;
/** The window when none is asked for: the current week and the eleven before it. */
export const DEFAULT_WEEKS = 12;

export interface AnalyticsWindow {
  /** The first week's Monday. */
  from: string;
  /** The last week's Monday. */
  to: string;
  weeks: string[];
}

/** The weeks `from`…`to` cover (each date snapped to its week's Monday, UTC), checked. */
export function windowOf(now: Date, from: string | undefined, to: string | undefined): AnalyticsWindow {
  const lastWeek = weekOf(to ? Date.parse(`${to}T00:00:00Z`) : now.getTime());
  const firstWeek = from
    ? weekOf(Date.parse(`${from}T00:00:00Z`))
    : weekOf(Date.parse(`${lastWeek}T00:00:00Z`) - (DEFAULT_WEEKS - 1) * 7 * 86_400_000);
  if (firstWeek > lastWeek) {
    throw new ServiceError(
      'analytics.window_invalid',
      `The window starts (${from}) after it ends (${to ?? lastWeek})`,
    );
  }
  const weeks = weeksBetween(firstWeek, lastWeek);
  if (weeks.length > MAX_WEEKS) {
    throw new ServiceError(
      'analytics.window_invalid',
      `The window covers ${weeks.length} weeks; at most ${MAX_WEEKS} may be asked for at once`,
    );
  }
  return { from: firstWeek, to: lastWeek, weeks };
}
