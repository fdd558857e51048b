import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context.js';

/** What a mention is replaced with. */
export const REDACTED = '[erased]';

// Our own tables that hold no free text about people (hashes, ids, audit counts).
const SKIPPED_TABLES = new Set(['do_not_contact_entries', 'professional_erasures']);

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces every mention of an erased person (their name, email, phone, profile URL, as given)
 * in the tenant's text and JSON columns with `[erased]`, case-insensitively. The columns are read
 * from the catalog, not listed by hand, so a column added later is covered without anyone having
 * to remember it. Returns how many column values changed.
 */
export async function redactMentions(ctx: ServiceContext, mentions: readonly string[]): Promise<number> {
  // Very short strings would redact unrelated words; a name, an email or a URL is longer.
  const terms = [...new Set(mentions.map((m) => m.trim()).filter((m) => m.length >= 3))];
  if (terms.length === 0) return 0;
  const textPattern = terms.map(escapeRegex).join('|');
  // JSON keeps quotes and backslashes escaped, so a term with one could only break the document.
  const jsonTerms = terms.filter((t) => JSON.stringify(t) === `"${t}"`);
  const jsonPattern = jsonTerms.map(escapeRegex).join('|');
  const columns = (await ctx.db.execute(sql`
    select c.table_name as "table", c.column_name as "column", c.data_type as "type"
    from information_schema.columns c
    where c.table_schema = current_schema()
      and c.data_type in ('text', 'character varying', 'jsonb')
      and exists (
        select 1 from information_schema.columns t
        where t.table_schema = c.table_schema and t.table_name = c.table_name and t.column_name = 'tenant_id'
      )
    order by c.table_name, c.column_name`)) as unknown as
    | { table: string; column: string; type: string }[]
    | { rows: { table: string; column: string; type: string }[] };
  const rows = Array.isArray(columns) ? columns : columns.rows;
  let changed = 0;
  for (const { table, column, type } of rows) {
    if (SKIPPED_TABLES.has(table)) continue;
    const json = type === 'jsonb';
    const pattern = json ? jsonPattern : textPattern;
    if (pattern === '') continue;
    const target = sql.identifier(column);
    const value = json ? sql`${target}::text` : target;
    const replaced = sql`regexp_replace(${value}, ${pattern}, ${REDACTED}, 'gi')`;
    const result = (await ctx.db.execute(sql`
      update ${sql.identifier(table)} set ${target} = ${json ? sql`${replaced}::jsonb` : replaced}
      where tenant_id = ${ctx.tenantId} and ${value} ~* ${pattern}
      returning 1 as one`)) as unknown as unknown[] | { rows: unknown[] };
    changed += Array.isArray(result) ? result.length : result.rows.length;
  }
  return changed;
}
