import { sql } from 'drizzle-orm';
import { tenants } from '../../db/schema/tenants.js';
import { webhookEndpoints } from '../../db/schema/webhook-endpoints.js';
import { newId } from '../../lib/ids.js';
import type { SystemContext } from '../context.js';
import { generateWebhookSecret } from '../webhook-endpoints/secret.js';
import { TENANT_EXPORT_FORMAT, TENANT_EXPORT_VERSION, TRANSFER_TABLES } from './tables.js';

const BATCH = 500;

/** A file that is not a tenant export this version can read (the CLI prints it; nothing is written). */
export class TenantImportError extends Error {}
const importInvalid = (detail: string) => new TenantImportError(detail);

type Row = Record<string, unknown>;

/**
 * Imports a tenant export (NDJSON lines) into a new, empty tenant of this installation, in one
 * transaction: every row keeps its id (so links, ETags' ids and portal references stay true); the
 * tenant gets a new id. Webhook endpoints get new signing secrets (the export has none); API keys
 * are not carried, so the caller issues the first admin key. Rules are not run again: the tasks
 * and reminders come as they were derived. A row whose id this installation already holds (the
 * same export imported twice) fails the whole import.
 */
export async function importTenant({
  ctx,
  input,
}: {
  ctx: SystemContext;
  input: { lines: AsyncIterable<string>; name?: string | undefined };
}): Promise<{ tenantId: string; sandbox: boolean; counts: Record<string, number> }> {
  const order = new Map(TRANSFER_TABLES.map((t, i) => [t.name, i]));
  // Taken before the transaction opens: a readline interface emits its lines as they come, and
  // lines (and the close) emitted before anyone iterates are lost — on PostgreSQL the BEGIN's
  // round trip was long enough for all of them, and the import waited forever.
  const lines = input.lines[Symbol.asyncIterator]();
  return ctx.db.transaction(async (db) => {
    let tenantId: string | undefined;
    let sandbox = false;
    let position = -1;
    let pending: { table: string; rows: Row[] } | undefined;
    const referrers: { id: unknown; referrer: unknown }[] = [];
    const counts: Record<string, number> = {};
    const flush = async () => {
      if (!pending || pending.rows.length === 0) return;
      const { table, rows } = pending;
      pending = { table, rows: [] };
      counts[table] = (counts[table] ?? 0) + rows.length;
      if (table === 'webhook_endpoints') {
        // Through drizzle, so the new secret is sealed like every other.
        for (const r of rows) {
          await db.insert(webhookEndpoints).values({
            id: r.id as string,
            tenantId: tenantId!,
            url: r.url as string,
            description: (r.description as string | null) ?? null,
            secret: generateWebhookSecret(),
            disabledAt: r.disabled_at ? new Date(r.disabled_at as string) : null,
            disabledReason: (r.disabled_reason as string | null) ?? null,
            version: r.version as number,
            createdAt: new Date(r.created_at as string),
            updatedAt: new Date(r.updated_at as string),
          });
        }
        return;
      }
      await db.execute(
        sql`insert into ${sql.identifier(table)}
            select * from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows)}::json)`,
      );
    };
    let lineNo = 0;
    for await (const line of { [Symbol.asyncIterator]: () => lines }) {
      lineNo++;
      if (line.trim() === '') continue;
      let parsed: Row;
      try {
        parsed = JSON.parse(line) as Row;
      } catch {
        throw importInvalid(`line ${lineNo} is not JSON`);
      }
      if (tenantId === undefined) {
        if (parsed.format !== TENANT_EXPORT_FORMAT || parsed.version !== TENANT_EXPORT_VERSION) {
          throw importInvalid(
            `line 1 is not a ${TENANT_EXPORT_FORMAT} version ${TENANT_EXPORT_VERSION} header`,
          );
        }
        const t = parsed.tenant as Row;
        const now = ctx.now();
        tenantId = newId(now.getTime());
        sandbox = Boolean(t.sandbox);
        await db.insert(tenants).values({
          id: tenantId,
          name: input.name ?? (t.name as string),
          sandbox,
          sessionTtlMinutes: t.sessionTtlMinutes as number,
          sessionAllowedOrigins: t.sessionAllowedOrigins as string[],
          createdAt: now,
          updatedAt: now,
        });
        continue;
      }
      const table = parsed.table as string;
      const at = order.get(table);
      if (at === undefined || typeof parsed.row !== 'object' || parsed.row === null) {
        throw importInvalid(`line ${lineNo} names no table this version carries`);
      }
      if (at < position) throw importInvalid(`line ${lineNo}: ${table} comes after a table it must precede`);
      if (pending?.table !== table) await flush();
      position = at;
      const row: Row = { ...(parsed.row as Row), tenant_id: tenantId };
      // A referrer may come later in id order: linked once every contact is in.
      if (table === 'contacts' && row.referrer_contact_id) {
        referrers.push({ id: row.id, referrer: row.referrer_contact_id });
        row.referrer_contact_id = null;
      }
      if (!pending || pending.table !== table) pending = { table, rows: [] };
      pending.rows.push(row);
      if (pending.rows.length >= BATCH) await flush();
    }
    await flush();
    if (tenantId === undefined) throw importInvalid('the export is empty');
    if (referrers.length > 0) {
      await db.execute(sql`
        update contacts as c set referrer_contact_id = v.referrer
          from json_to_recordset(${JSON.stringify(referrers)}::json) as v(id uuid, referrer uuid)
         where c.id = v.id and c.tenant_id = ${tenantId}`);
    }
    return { tenantId, sandbox, counts };
  });
}
