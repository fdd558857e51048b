import { eq, sql } from 'drizzle-orm';
import { secretKeyring } from '../../crypto/installed-keyring.js';
import { isSealed } from '../../crypto/secret-keyring.js';
import { webhookEndpoints } from '../../db/schema/webhook-endpoints.js';
import type { SystemContext } from '../context.js';

/**
 * Rewrites every signing secret not sealed with the keyring's current key: values stored in
 * the clear before encryption existed, and values sealed with a key being rotated out. Run at
 * start (under the start-up lock); afterwards the old key may be removed. Returns how many rows
 * were rewritten and how many could not be opened (sealed with a key no longer configured).
 */
export async function resealWebhookSecrets({
  ctx,
}: {
  ctx: SystemContext;
}): Promise<{ resealed: number; unreadable: number }> {
  const keyring = secretKeyring();
  // The raw column text (a `sql` selection is not decoded), to see how each value is stored.
  const rows = await ctx.db
    .select({
      id: webhookEndpoints.id,
      secret: sql<string>`${webhookEndpoints.secret}`,
      previousSecret: sql<string | null>`${webhookEndpoints.previousSecret}`,
    })
    .from(webhookEndpoints);
  const open = (value: string) => (isSealed(value) ? keyring.open(value) : value);
  let resealed = 0;
  let unreadable = 0;
  for (const row of rows) {
    const stale = [row.secret, row.previousSecret].some((v) => v !== null && !keyring.isCurrent(v));
    if (!stale) continue;
    let secret: string;
    let previousSecret: string | null;
    try {
      secret = open(row.secret);
      previousSecret = row.previousSecret === null ? null : open(row.previousSecret);
    } catch {
      unreadable++;
      continue;
    }
    // Written through the sealed columns: sealed again with the current key.
    await ctx.db
      .update(webhookEndpoints)
      .set({ secret, previousSecret })
      .where(eq(webhookEndpoints.id, row.id));
    resealed++;
  }
  return { resealed, unreadable };
}
