import type { TenantRow } from '../../db/schema/tenants.js';

export interface TenantView {
  id: string;
  name: string;
  sandbox: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const presentTenant = (row: TenantRow): TenantView => ({
  id: row.id,
  name: row.name,
  sandbox: row.sandbox,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
