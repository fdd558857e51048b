import { and, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import { contacts } from '../../db/schema/contacts.js';
import { type ImportRecordRow, importRows } from '../../db/schema/imports.js';
import type { ServiceContext } from '../context.js';
import { fillIn } from './contact-record.js';
import type { RowVerdict } from './verdict.js';

/**
 * The preview of a batch of contact rows: a duplicate of one of the student's contacts (the
 * normalised email or profile URL, as POST /contacts matches them) or of an earlier row of the
 * file, with what it would fill in; otherwise new. Two look-ups for the whole batch.
 */
export async function classifyContactRows(
  ctx: ServiceContext,
  job: { id: string; studentId: string },
  rows: ImportRecordRow[],
): Promise<RowVerdict[]> {
  const live = rows.filter((r) => r.status === 'pending');
  const emailKeys = [...new Set(live.flatMap((r) => (r.key1 ? [r.key1] : [])))];
  const urlKeys = [...new Set(live.flatMap((r) => (r.key2 ? [r.key2] : [])))];
  const matchesOf = (email: SQL | undefined, url: SQL | undefined) => or(email, url);
  const existing =
    emailKeys.length + urlKeys.length === 0
      ? []
      : await ctx.db
          .select()
          .from(contacts)
          .where(
            and(
              eq(contacts.tenantId, ctx.tenantId),
              eq(contacts.studentId, job.studentId),
              matchesOf(
                emailKeys.length ? inArray(contacts.emailKey, emailKeys) : undefined,
                urlKeys.length ? inArray(contacts.profileUrlKey, urlKeys) : undefined,
              ),
            ),
          );
  const firstSeq = rows[0]?.seq ?? 0;
  const earlier =
    emailKeys.length + urlKeys.length === 0
      ? []
      : await ctx.db
          .select({
            seq: importRows.seq,
            key1: importRows.key1,
            key2: importRows.key2,
            fields: importRows.fields,
          })
          .from(importRows)
          .where(
            and(
              eq(importRows.importId, job.id),
              lt(importRows.seq, firstSeq),
              eq(importRows.status, 'new'),
              matchesOf(
                emailKeys.length ? inArray(importRows.key1, emailKeys) : undefined,
                urlKeys.length ? inArray(importRows.key2, urlKeys) : undefined,
              ),
            ),
          );
  const contactByKey = new Map<string, (typeof existing)[number]>();
  for (const c of existing) {
    if (c.emailKey) contactByKey.set(`e:${c.emailKey}`, c);
    if (c.profileUrlKey) contactByKey.set(`u:${c.profileUrlKey}`, c);
  }
  const rowByKey = new Map<string, { seq: number; fields: Record<string, string | null> | null }>();
  const remember = (r: {
    seq: number;
    key1: string | null;
    key2: string | null;
    fields: Record<string, string | null> | null;
  }) => {
    if (r.key1 && !rowByKey.has(`e:${r.key1}`)) rowByKey.set(`e:${r.key1}`, r);
    if (r.key2 && !rowByKey.has(`u:${r.key2}`)) rowByKey.set(`u:${r.key2}`, r);
  };
  for (const r of earlier.sort((a, b) => a.seq - b.seq)) remember(r);

  return live.map((row): RowVerdict => {
    const fields = row.fields ?? {};
    const keys = [row.key1 && `e:${row.key1}`, row.key2 && `u:${row.key2}`].filter(Boolean) as string[];
    const contact = keys.map((k) => contactByKey.get(k)).find(Boolean);
    if (contact) {
      const changes = fillIn(contact, fields);
      return {
        seq: row.seq,
        status: Object.keys(changes).length ? 'duplicate' : 'unchanged',
        targetId: contact.id,
        changes,
      };
    }
    const same = keys.map((k) => rowByKey.get(k)).find(Boolean);
    if (same) {
      const changes = fillIn(same.fields ?? {}, fields);
      return {
        seq: row.seq,
        status: Object.keys(changes).length ? 'duplicate' : 'unchanged',
        sameAsSeq: same.seq,
        changes,
      };
    }
    remember(row);
    return { seq: row.seq, status: 'new' };
  });
}
