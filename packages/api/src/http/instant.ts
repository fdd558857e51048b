import { Type } from 'typebox';

/** The first and last year an instant the API accepts may have. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;

/**
 * The one date-time type of the API: RFC 3339 with a year from 1900 to 2999. PostgreSQL has no
 * year 0, and JavaScript dates and the calendar code hold up to 275760; policy offsets are
 * bounded (core's MAX_AMOUNT: at most ten years each), so every date derived from an accepted
 * instant stays far inside both (see test/instant.test.ts).
 */
export const Instant = Type.String(instantOptions());

/** {@link Instant}'s constraints, for a route that adds its own description. */
export function instantOptions(): { format: 'date-time'; pattern: string } {
  return { format: 'date-time', pattern: '^(19[0-9]{2}|2[0-9]{3})-' };
}
