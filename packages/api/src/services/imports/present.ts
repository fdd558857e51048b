import type {
  ImportCounts,
  ImportKind,
  ImportOptions,
  ImportRecordRow,
  ImportRow,
  ImportRowStatus,
  ImportState,
} from '../../db/schema/imports.js';

export { IMPORT_ROW_STATUSES, IMPORT_STATES } from '../../db/schema/imports.js';

export interface ImportView {
  id: string;
  kind: ImportKind;
  studentId: string | null;
  options: ImportOptions;
  state: ImportState;
  /** The file's records (a bad one included). */
  total: number;
  /** Records the current phase (preview, then commit) has been through. */
  done: number;
  /** 0–100 of the current phase; 100 once previewed or completed. */
  percent: number;
  /** How many records are in each class right now. */
  counts: ImportCounts;
  createdAt: string;
  previewedAt: string | null;
  finishedAt: string | null;
}

export function presentImport(row: ImportRow): ImportView {
  const settled = row.state === 'previewed' || row.state === 'completed';
  const percent = settled
    ? 100
    : row.total === 0
      ? 0
      : Math.min(99, Math.floor((row.done / row.total) * 100));
  return {
    id: row.id,
    kind: row.kind,
    studentId: row.studentId,
    options: row.options,
    state: row.state,
    total: row.total,
    done: row.done,
    percent,
    counts: row.counts,
    createdAt: row.createdAt.toISOString(),
    previewedAt: row.previewedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export interface ImportRowView {
  seq: number;
  line: number | null;
  status: ImportRowStatus;
  fields: Record<string, string | null> | null;
  /** The contact or student the row matched (a duplicate, an update) or became (created). */
  targetId: string | null;
  /** A duplicate of an earlier row of the file: that row's seq. */
  sameAsSeq: number | null;
  /** What a duplicate or an update changes: each field and its new value. */
  changes: Record<string, string | null> | null;
  /** Why a row is invalid or was refused. */
  reason: string | null;
  /** A refused row: the problem code the service answered with. */
  code: string | null;
}

export const presentImportRow = (row: ImportRecordRow): ImportRowView => ({
  seq: row.seq,
  line: row.line,
  status: row.status,
  fields: row.fields,
  targetId: row.targetId,
  sameAsSeq: row.sameAsSeq,
  changes: row.changes,
  reason: row.reason,
  code: row.code,
});
