import type { StudentProfile } from '@infoview/core';
import type { StudentRow } from '../../db/schema/students.js';

export interface StudentView {
  id: string;
  externalId: string;
  name: string;
  email: string | null;
  timeZone: string;
  profile: StudentProfile;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const presentStudent = (row: StudentRow): StudentView => ({
  id: row.id,
  externalId: row.externalId,
  name: row.name,
  email: row.email,
  timeZone: row.timeZone,
  profile: row.profile,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
