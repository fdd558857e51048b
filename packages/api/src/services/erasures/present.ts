import type { StudentErasureRow } from '../../db/schema/student-erasures.js';

export interface StudentErasureView {
  id: string;
  studentId: string;
  erasedAt: string;
  requestedBy: { apiKeyId: string; role: string };
  /** How many records of each kind were erased (table name → rows). */
  counts: Record<string, number>;
}

export const presentErasure = (row: StudentErasureRow): StudentErasureView => ({
  id: row.id,
  studentId: row.subjectId,
  erasedAt: row.erasedAt.toISOString(),
  requestedBy: { apiKeyId: row.requestedByApiKeyId, role: row.requestedByRole },
  counts: row.counts,
});
