import type { ContactSource } from '@infoview/core';
import { and, eq, inArray } from 'drizzle-orm';
import { contacts } from '../../db/schema/contacts.js';
import { type ImportOptions, type ImportRecordRow, importRows } from '../../db/schema/imports.js';
import { ServiceError } from '../../errors.js';
import { createContact } from '../contacts/create.js';
import { updateContact } from '../contacts/update.js';
import type { ServiceContext } from '../context.js';
import { fillIn } from './contact-record.js';
import type { RowVerdict } from './verdict.js';

/**
 * The commit of a batch of previewed contact rows, through the contacts service like any other
 * contact (its checks — a duplicate, a do-not-contact refusal — apply): a new row is created, a
 * duplicate fills in what the contact lacks (read again now, so a re-import changes nothing),
 * and a row the service refuses is recorded as refused with the problem's code. No savepoint per
 * row: the services refuse before they write (a refusal leaves the transaction usable), and
 * a thousand savepoints in one transaction overflow PostgreSQL's subtransaction cache, which
 * slows every session of the server.
 */
export async function applyContactRows(
  ctx: ServiceContext,
  job: { id: string; studentId: string; options: ImportOptions },
  rows: ImportRecordRow[],
): Promise<RowVerdict[]> {
  const sameAs = [...new Set(rows.flatMap((r) => (r.sameAsSeq ? [r.sameAsSeq] : [])))];
  // Earlier rows of the file this batch's duplicates merge into: their contacts, once created.
  const targetOfSeq = new Map<number, string | null>();
  if (sameAs.length > 0) {
    const earlier = await ctx.db
      .select({ seq: importRows.seq, targetId: importRows.targetId })
      .from(importRows)
      .where(and(eq(importRows.importId, job.id), inArray(importRows.seq, sameAs)));
    for (const r of earlier) targetOfSeq.set(r.seq, r.targetId);
  }
  const verdicts: RowVerdict[] = [];
  for (const row of rows) {
    const fields = row.fields ?? {};
    if (row.status === 'new') {
      try {
        const created = await createContact({
          ctx,
          input: {
            studentId: job.studentId,
            name: fields.name!,
            organization: fields.organization ?? null,
            title: fields.title ?? null,
            email: fields.email ?? null,
            phone: fields.phone ?? null,
            profileUrl: fields.profileUrl ?? null,
            source: (job.options.source ?? 'other') as ContactSource,
            known: job.options.known ?? false,
          },
        });
        targetOfSeq.set(row.seq, created.id);
        verdicts.push({ seq: row.seq, status: 'created', targetId: created.id });
      } catch (error) {
        const existingId = duplicateOf(error);
        if (existingId) {
          targetOfSeq.set(row.seq, existingId);
          verdicts.push(
            await merge(ctx, row.seq, existingId, fields).catch((e: unknown) => refused(row.seq, e)),
          );
        } else {
          verdicts.push(refused(row.seq, error));
        }
      }
      continue;
    }
    if (row.status === 'duplicate') {
      const target = row.targetId ?? (row.sameAsSeq ? targetOfSeq.get(row.sameAsSeq) : null);
      if (!target) {
        verdicts.push({ seq: row.seq, status: 'unchanged', reason: 'the row it repeats was not imported' });
        continue;
      }
      try {
        verdicts.push(await merge(ctx, row.seq, target, fields));
      } catch (error) {
        verdicts.push(refused(row.seq, error));
      }
    }
  }
  return verdicts;
}

async function merge(
  ctx: ServiceContext,
  seq: number,
  contactId: string,
  fields: Record<string, string | null>,
): Promise<RowVerdict> {
  const [current] = await ctx.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.id, contactId)));
  if (!current) return { seq, status: 'unchanged', targetId: contactId, reason: 'the contact was deleted' };
  const changes = fillIn(current, fields);
  if (Object.keys(changes).length === 0)
    return { seq, status: 'unchanged', targetId: contactId, changes: {} };
  await updateContact({ ctx, input: { id: contactId, expectedVersion: 'any', patch: changes } });
  return { seq, status: 'merged', targetId: contactId, changes };
}

function duplicateOf(error: unknown): string | null {
  if (!(error instanceof ServiceError) || error.code !== 'contact.duplicate') return null;
  const id = (error.extensions as { existingId?: unknown } | undefined)?.existingId;
  return typeof id === 'string' ? id : null;
}

/** A client error of the service (a refusal) is the row's outcome; anything else is ours and ends the batch. */
function refused(seq: number, error: unknown): RowVerdict {
  if (!(error instanceof ServiceError)) throw error;
  return { seq, status: 'refused', code: error.code, reason: error.message };
}
