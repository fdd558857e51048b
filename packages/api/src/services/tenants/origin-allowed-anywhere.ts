import { sql } from 'drizzle-orm';
import { tenants } from '../../db/schema/tenants.js';
import type { SystemContext } from '../context.js';

/**
 * Whether any tenant allows browser sessions from `origin`: all a CORS preflight can be told, as
 * it carries no credentials to name a tenant by. The real request is then checked against its
 * session's own tenant.
 */
export async function originAllowedAnywhere({
  ctx,
  input,
}: {
  ctx: SystemContext;
  input: { origin: string };
}): Promise<boolean> {
  const rows = await ctx.db
    .select({ id: tenants.id })
    .from(tenants)
    .where(sql`${tenants.sessionAllowedOrigins} @> ${JSON.stringify([input.origin])}::jsonb`)
    .limit(1);
  return rows.length > 0;
}
