import type { ReferralRow } from '../../db/schema/network.js';

export interface ReferralView {
  id: string;
  studentId: string;
  interviewId: string;
  contactId: string | null;
  name: string;
  at: string;
  version: number;
  createdAt: string;
}

export const presentReferral = (row: ReferralRow): ReferralView => ({
  id: row.id,
  studentId: row.studentId,
  interviewId: row.interviewId,
  contactId: row.contactId,
  name: row.name,
  at: row.at.toISOString(),
  version: row.version,
  createdAt: row.createdAt.toISOString(),
});
