import { sql } from 'drizzle-orm';
import { type ImportRowStatus, importRows } from '../../db/schema/imports.js';
import type { ServiceContext } from '../context.js';

/** What the preview or the commit decided for one row. */
export interface RowVerdict {
  seq: number;
  status: ImportRowStatus;
  targetId?: string | null;
  sameAsSeq?: number | null;
  changes?: Record<string, string | null> | null;
  reason?: string | null;
  code?: string | null;
}

/** Records a batch's verdicts in one statement (a JSON parameter, whatever the batch size). */
export async function recordVerdicts(
  ctx: ServiceContext,
  importId: string,
  verdicts: RowVerdict[],
): Promise<void> {
  if (verdicts.length === 0) return;
  const rows = verdicts.map((v) => ({
    seq: v.seq,
    status: v.status,
    target_id: v.targetId ?? null,
    same_as_seq: v.sameAsSeq ?? null,
    changes: v.changes ?? null,
    reason: v.reason ?? null,
    code: v.code ?? null,
  }));
  await ctx.db.execute(sql`
    update ${importRows} as r
       set status = v.status, target_id = coalesce(v.target_id, r.target_id),
           same_as_seq = coalesce(v.same_as_seq, r.same_as_seq),
           changes = coalesce(v.changes, r.changes), reason = coalesce(v.reason, r.reason),
           code = coalesce(v.code, r.code)
      from json_to_recordset(${JSON.stringify(rows)}::json)
        as v(seq int, status text, target_id uuid, same_as_seq int, changes jsonb, reason text, code text)
     where r.import_id = ${importId}::uuid and r.seq = v.seq`);
}
