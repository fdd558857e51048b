import type { TenantRow } from '../../db/schema/tenants.js';

export interface TenantView {
  id: string;
  name: string;
  sandbox: boolean;
  /** Browser sessions: their default lifetime and the page origins that may use them. */
  sessions: { ttlMinutes: number; allowedOrigins: string[] };
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const presentTenant = (row: TenantRow): TenantView => ({
  id: row.id,
  name: row.name,
  sandbox: row.sandbox,
  sessions: { ttlMinutes: row.sessionTtlMinutes, allowedOrigins: row.sessionAllowedOrigins },
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
