import type { MilestoneKind } from '@infoview/core';
import type { MilestoneRow } from '../../db/schema/network.js';

export interface MilestoneView {
  id: string;
  studentId: string;
  kind: MilestoneKind;
  at: string;
  description: string | null;
  version: number;
  createdAt: string;
}

export const presentMilestone = (row: MilestoneRow): MilestoneView => ({
  id: row.id,
  studentId: row.studentId,
  kind: row.kind,
  at: row.at.toISOString(),
  description: row.description,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
});
