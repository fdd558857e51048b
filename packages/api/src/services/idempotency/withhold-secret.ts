/**
 * A response that hands out a secret (`POST /api-keys`, `POST /webhooks`, `rotate-secret`: every
 * one names it `secret` at the top level) is stored without it, so the idempotency record never
 * holds a secret and a replay cannot show it twice. Returns the body to store and whether a
 * secret was withheld.
 */
export function withholdSecret(body: string): { body: string; withheld: boolean } {
  // Cheap test first: most responses are not parsed at all.
  if (!body.includes('"secret"')) return { body, withheld: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { body, withheld: false };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !('secret' in parsed)) {
    return { body, withheld: false };
  }
  const { secret: _, ...rest } = parsed as Record<string, unknown>;
  return { body: JSON.stringify(rest), withheld: true };
}
