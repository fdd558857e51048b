import type { AdvisorRow } from '../../db/schema/advisors.js';

export interface AdvisorView {
  id: string;
  name: string;
  email: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const presentAdvisor = (row: AdvisorRow): AdvisorView => ({
  id: row.id,
  name: row.name,
  email: row.email,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
