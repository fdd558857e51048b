import type { Readable } from 'node:stream';
import { CONTACT_SOURCES, type ContactSource } from '@infoview/core';
import { eq, sql } from 'drizzle-orm';
import { type ImportOptions, importRows, imports } from '../../db/schema/imports.js';
import { ServiceError } from '../../errors.js';
import { newId } from '../../lib/ids.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { findVisibleStudent } from '../students/find.js';
import { type CheckedRecord, CONTACT_FIELDS, checkContactRecord } from './contact-record.js';
import { byteLimit } from './formats/byte-limit.js';
import { type ContactFormat, contactRecords, type RosterFormat, rosterRecords } from './formats/index.js';
import { type ParsedRecord, storable, storableFields } from './formats/record.js';
import { type ImportView, presentImport } from './present.js';
import { checkRosterRecord } from './roster-record.js';

export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
}

export type StartImportInput =
  | {
      kind: 'contacts';
      studentId: string;
      format: ContactFormat;
      /** A CSV's columns: field → header (`{ "name": "Full name" }`), as JSON text from the query. */
      mapping?: string | undefined;
      source?: ContactSource | undefined;
      known?: boolean | undefined;
      body: Readable;
      limits: ImportLimits;
    }
  | {
      kind: 'roster';
      format: RosterFormat;
      mode?: 'upsert' | 'full' | undefined;
      body: Readable;
      limits: ImportLimits;
    };

/** Rows written per statement while the file streams in. */
const CHUNK = 1000;

/**
 * Reads an uploaded file as it streams in and stores its records (each with its line, and why
 * a bad one is bad) under a new import in `previewing`, in one transaction: a file over a limit
 * stores nothing. The runner then classifies the rows (the preview) in the background.
 */
export async function startImport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: StartImportInput;
}): Promise<ImportView> {
  // The limiter's error (a file over the limit) always has a listener, whatever the parser
  // does: the parsers watch it too and throw. The request itself is left whole, so the 413
  // can still be answered on its connection.
  const limited = input.body.pipe(byteLimit(input.limits.maxBytes));
  // The file may be over the limit before a parser is listening (on PostgreSQL the BEGIN's round
  // trip lets the whole upload flow in first): a parser attached to a stream that already failed
  // waits forever, so every record is raced against the stream's failure, seen from the start.
  const failed = new Promise<never>((_, reject) => limited.once('error', reject));
  failed.catch(() => {});
  input.body.on('error', (error) => limited.destroy(error));
  let records: AsyncGenerator<ParsedRecord>;
  let check: (record: ParsedRecord) => CheckedRecord;
  let options: ImportOptions;
  if (input.kind === 'contacts') {
    requireRole(ctx, 'admin', 'integration', 'student');
    const mapping = input.format === 'csv' ? parseMapping(input.mapping) : undefined;
    const source = input.source ?? (input.format === 'linkedin' ? 'online_network' : 'other');
    if (!CONTACT_SOURCES.includes(source))
      throw optionsInvalid('source', `"${source}" is not a contact source`);
    options = { format: input.format, source, known: input.known ?? false };
    records = contactRecords(input.format, limited, mapping);
    check = checkContactRecord;
  } else {
    requireRole(ctx, 'admin', 'integration');
    options = { format: input.format, mode: input.mode ?? 'upsert' };
    records = rosterRecords(input.format, limited);
    check = checkRosterRecord;
  }
  return withTransaction(ctx, async (ctx) => {
    if (input.kind === 'contacts') await findVisibleStudent(ctx, input.studentId);
    const now = ctx.now();
    const id = newId(now.getTime());
    await ctx.db.insert(imports).values({
      id,
      tenantId: ctx.tenantId,
      kind: input.kind,
      studentId: input.kind === 'contacts' ? input.studentId : null,
      options,
      total: 0,
      createdAt: now,
      updatedAt: now,
    });
    let seq = 0;
    let chunk: (typeof importRows.$inferInsert)[] = [];
    const write = async () => {
      if (chunk.length === 0) return;
      await ctx.db.insert(importRows).values(chunk);
      chunk = [];
    };
    try {
      for await (const record of raced(records, failed)) {
        seq += 1;
        if (seq > input.limits.maxRows) throw tooManyRows(input.limits.maxRows);
        const checked = check(record);
        chunk.push({
          importId: id,
          seq,
          line: record.line,
          fields: storableFields(checked.fields),
          key1: checked.key1,
          key2: checked.key2,
          status: checked.invalid ? 'invalid' : 'pending',
          reason: checked.invalid && storable(checked.invalid),
        });
        if (chunk.length >= CHUNK) await write();
      }
    } finally {
      void records.return(undefined);
    }
    await write();
    const [row] = await ctx.db
      .update(imports)
      .set({ total: seq, updatedAt: sql`now()` })
      .where(eq(imports.id, id))
      .returning();
    return presentImport(row!);
  });
}

/** The records, each raced against `failed`: the first to settle wins, so a failed stream ends the loop. */
async function* raced<T>(records: AsyncGenerator<T>, failed: Promise<never>): AsyncGenerator<T> {
  for (;;) {
    const next = await Promise.race([records.next(), failed]);
    if (next.done) return;
    yield next.value;
  }
}

const optionsInvalid = (field: string, message: string) =>
  new ServiceError('import.options_invalid', `${field}: ${message}`, {
    errors: [{ path: `/querystring/${field}`, message }],
  });

const tooManyRows = (maxRows: number) =>
  new ServiceError('import.too_many_rows', `The file has more than the limit of ${maxRows} records`, {
    extensions: { limit: 'IMPORT_MAX_ROWS', maxRows },
  });

/** A CSV's mapping: a JSON object of contact field → header, naming at least the name's column. */
function parseMapping(text: string | undefined) {
  if (!text) throw optionsInvalid('mapping', 'a CSV import needs a column mapping');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw optionsInvalid('mapping', 'is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw optionsInvalid('mapping', 'must be an object of field → column header');
  const mapping: Record<string, string> = {};
  for (const [field, column] of Object.entries(value)) {
    if (!(CONTACT_FIELDS as string[]).includes(field))
      throw optionsInvalid('mapping', `"${field}" is not a contact field (${CONTACT_FIELDS.join(', ')})`);
    if (typeof column !== 'string' || column.trim() === '')
      throw optionsInvalid('mapping', `the column of "${field}" must be a header name`);
    mapping[field] = column;
  }
  if (!mapping.name) throw optionsInvalid('mapping', 'must name the column of "name"');
  return mapping;
}
