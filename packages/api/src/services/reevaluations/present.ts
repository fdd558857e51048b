import type {
  ReevaluationJobRow,
  ReevaluationJobState,
  ReevaluationReason,
} from '../../db/schema/reevaluation-jobs.js';

export { REEVALUATION_JOB_STATES } from '../../db/schema/reevaluation-jobs.js';

export interface ReevaluationView {
  id: string;
  reason: ReevaluationReason;
  state: ReevaluationJobState;
  /** Students to re-derive (the tenant's students when the job was created, or more if some were added). */
  total: number;
  done: number;
  /** 0–100, whole numbers; 100 once completed. */
  percent: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export function presentReevaluation(row: ReevaluationJobRow): ReevaluationView {
  const total = Math.max(row.total, row.done);
  const percent =
    row.state === 'completed' ? 100 : total === 0 ? 0 : Math.min(99, Math.floor((row.done / total) * 100));
  return {
    id: row.id,
    reason: row.reason,
    state: row.state,
    total,
    done: row.done,
    percent,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
