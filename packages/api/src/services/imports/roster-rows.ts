import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { type ImportRecordRow, importRows } from '../../db/schema/imports.js';
import { students } from '../../db/schema/students.js';
import { ServiceError } from '../../errors.js';
import type { ServiceContext } from '../context.js';
import { createStudent } from '../students/create.js';
import { updateStudent } from '../students/update.js';
import { ROSTER_FIELDS } from './roster-record.js';
import type { RowVerdict } from './verdict.js';

/**
 * The preview of a batch of roster rows: a student of the tenant with this external id is an
 * update (what differs) or unchanged, otherwise new; an external id already seen earlier in the
 * file is invalid (which of the two is right is the career centre's call, not ours).
 */
export async function classifyRosterRows(
  ctx: ServiceContext,
  job: { id: string },
  rows: ImportRecordRow[],
): Promise<RowVerdict[]> {
  const live = rows.filter((r) => r.status === 'pending');
  const ids = [...new Set(live.map((r) => r.key1!))];
  if (ids.length === 0) return [];
  const existing = await ctx.db
    .select()
    .from(students)
    .where(and(eq(students.tenantId, ctx.tenantId), inArray(students.externalId, ids)));
  const earlier = await ctx.db
    .select({ seq: importRows.seq, line: importRows.line, key1: importRows.key1 })
    .from(importRows)
    .where(
      and(
        eq(importRows.importId, job.id),
        lt(importRows.seq, rows[0]!.seq),
        inArray(importRows.key1, ids),
        inArray(importRows.status, ['new', 'update', 'unchanged']),
      ),
    );
  const byExternalId = new Map(existing.map((s) => [s.externalId, s]));
  const seen = new Map(earlier.map((r) => [r.key1!, r.line]));
  return live.map((row): RowVerdict => {
    const fields = row.fields ?? {};
    const repeated = seen.get(row.key1!);
    if (repeated !== undefined)
      return { seq: row.seq, status: 'invalid', reason: `externalId repeats line ${repeated}` };
    seen.set(row.key1!, row.line);
    const student = byExternalId.get(row.key1!);
    if (!student) {
      if (!fields.name || !fields.timeZone)
        return { seq: row.seq, status: 'invalid', reason: 'a new student needs a name and a timeZone' };
      return { seq: row.seq, status: 'new' };
    }
    const changes: Record<string, string> = {};
    for (const field of ROSTER_FIELDS) {
      const value = fields[field];
      if (value && value !== student[field]) changes[field] = value;
    }
    return {
      seq: row.seq,
      status: Object.keys(changes).length ? 'update' : 'unchanged',
      targetId: student.id,
      changes,
    };
  });
}

/** A full sync's report: the tenant's students the file does not name, as `missing` rows (never deleted). */
export async function reportMissingStudents(
  ctx: ServiceContext,
  job: { id: string; total: number },
): Promise<void> {
  await ctx.db.execute(sql`
    insert into ${importRows} (import_id, seq, line, fields, key1, status, target_id, reason)
    select ${job.id}::uuid, ${job.total} + row_number() over (order by s.external_id), null,
           jsonb_build_object('externalId', s.external_id, 'name', s.name), s.external_id, 'missing', s.id,
           'not in the file; left as it is'
      from ${students} as s
     where s.tenant_id = ${ctx.tenantId}::uuid
       and not exists (select 1 from ${importRows} as r
                        where r.import_id = ${job.id}::uuid and r.key1 = s.external_id)`);
}

/** The commit of a batch of roster rows, through the students service (create, or update what differs). */
export async function applyRosterRows(ctx: ServiceContext, rows: ImportRecordRow[]): Promise<RowVerdict[]> {
  const verdicts: RowVerdict[] = [];
  for (const row of rows) {
    const fields = row.fields ?? {};
    try {
      if (row.status === 'new') {
        const created = await createStudent({
          ctx,
          input: {
            externalId: fields.externalId!,
            name: fields.name!,
            email: fields.email ?? null,
            timeZone: fields.timeZone!,
          },
        });
        verdicts.push({ seq: row.seq, status: 'created', targetId: created.id });
      } else if (row.status === 'update' && row.targetId) {
        const patch = Object.fromEntries(Object.entries(row.changes ?? {}).filter(([, v]) => v !== null)) as {
          name?: string;
          email?: string;
          timeZone?: string;
        };
        await updateStudent({ ctx, input: { id: row.targetId!, expectedVersion: 'any', patch } });
        verdicts.push({ seq: row.seq, status: 'merged' });
      }
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      verdicts.push({ seq: row.seq, status: 'refused', code: error.code, reason: error.message });
    }
  }
  return verdicts;
}
