import { eq, sql } from 'drizzle-orm';
import { tenants } from '../../db/schema/tenants.js';
import { requireRole, type ServiceContext } from '../context.js';
import { rowsOf } from '../erasures/rows.js';
import { TENANT_EXPORT_FORMAT, TENANT_EXPORT_VERSION, TRANSFER_TABLES } from './tables.js';

const PAGE = 1000;

/**
 * The caller's whole tenant as NDJSON, for a move to another installation (admins only): a header
 * line, then one `{"table","row"}` line per row, the rows as PostgreSQL's own JSON of them (ids
 * kept, the tenant column and secrets left out). Read a page at a time by each table's key, so
 * memory stays flat whatever the tenant's size.
 */
export async function exportTenant({ ctx }: { ctx: ServiceContext }): Promise<AsyncIterable<string>> {
  requireRole(ctx, 'admin');
  const [tenant] = await ctx.db.select().from(tenants).where(eq(tenants.id, ctx.tenantId));
  return lines(ctx, tenant!);
}

async function* lines(ctx: ServiceContext, tenant: typeof tenants.$inferSelect): AsyncGenerator<string> {
  yield `${JSON.stringify({
    format: TENANT_EXPORT_FORMAT,
    version: TENANT_EXPORT_VERSION,
    exportedAt: ctx.now().toISOString(),
    tenant: {
      name: tenant.name,
      sandbox: tenant.sandbox,
      sessionTtlMinutes: tenant.sessionTtlMinutes,
      sessionAllowedOrigins: tenant.sessionAllowedOrigins,
    },
  })}\n`;
  for (const table of TRANSFER_TABLES) {
    const omit = ['tenant_id', ...(table.omit ?? [])];
    const keys = table.key.split(',').map((k) => k.trim());
    let after: string | undefined;
    for (;;) {
      // Keyset on the table's key (as text, so one shape serves single and composite keys).
      const keyText = sql.raw(`concat_ws(',', ${keys.map((k) => `t.${k}::text`).join(', ')})`);
      const page = await rowsOf<{ k: string; row: Record<string, unknown> }>(
        ctx.db,
        sql`select ${keyText} as k, to_jsonb(t) - ${`{${omit.join(',')}}`}::text[] as row
              from ${sql.identifier(table.name)} as t
             where t.tenant_id = ${ctx.tenantId} ${after === undefined ? sql`` : sql`and ${keyText} > ${after}`}
             order by ${keyText} limit ${PAGE}`,
      );
      if (page.length > 0) {
        yield page.map((r) => `${JSON.stringify({ table: table.name, row: r.row })}\n`).join('');
      }
      if (page.length < PAGE) break;
      after = page.at(-1)!.k;
    }
  }
}
