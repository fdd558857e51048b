import { isoOfMs } from '../../lib/iso-time.js';

/** A key that holds an instant in core's event data (`at`, `startsAt`, …): epoch milliseconds there. */
const isInstantKey = (key: string) => key === 'at' || key.endsWith('At');

function isoInstants(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(isoInstants);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    out[key] =
      isInstantKey(key) && typeof field === 'number' && Number.isFinite(field)
        ? isoOfMs(field)
        : isoInstants(field);
  }
  return out;
}

/**
 * A timeline entry's `data` as the API answers it: core keeps instants as epoch milliseconds (e.g.
 * a scheduled meeting's `at`); the API speaks ISO 8601 everywhere, stored rows included.
 */
export const timelineDataOf = (
  data: Record<string, unknown> | null | undefined,
): Record<string, unknown> | null => (data ? (isoInstants(data) as Record<string, unknown>) : null);
