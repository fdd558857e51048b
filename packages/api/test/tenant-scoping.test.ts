import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const servicesDir = path.resolve(import.meta.dirname, '../src/services');

/** Services that query across tenants on purpose, and why. */
const CROSS_TENANT = new Map([
  ['api-keys/authenticate.ts', 'finds the key (and so the tenant) by its hash'],
  ['sessions/authenticate.ts', "finds the session (and so the tenant) by its secret's hash"],
  ['tenants/origin-allowed-anywhere.ts', 'a CORS preflight names no tenant: is the origin allowed by any'],
  ['api-keys/insert.ts', 'the tenant id is a required argument'],
  ['tenants/ensure-demo.ts', 'start-up: creates the first tenant'],
  ['tenants/create.ts', 'creates a tenant'],
  ['idempotency/purge.ts', 'housekeeping over every tenant'],
  [
    'webhook-endpoints/reseal-secrets.ts',
    "start-up: re-encrypts every tenant's webhook secrets with the current key",
  ],
  ['idempotency/complete.ts', 'updates the record this request claimed, by its id'],
  ['idempotency/release.ts', 'deletes the record this request claimed, by its id'],
  ['calendars/render-feed.ts', "finds the feed (and so the tenant) by its token's hash, then scopes to it"],
  [
    'calendars/meeting-sources.ts',
    "the reminder worker's batch spans tenants; each row carries its tenant and the caller checks it",
  ],
  [
    'imports/run-batch.ts',
    'the import runner claims the next job of any tenant, then works in that job’s tenant only',
  ],
  // data-out
  [
    'tenant-transfer/import-tenant.ts',
    'creates a tenant and fills it from an export (the tenant-import CLI)',
  ],
]);

function serviceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? serviceFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

describe('tenant scoping', () => {
  it('every service that queries a table filters by ctx.tenantId (or says why not)', () => {
    const unscoped = serviceFiles(servicesDir)
      .map((file) => path.relative(servicesDir, file))
      .filter((file) => {
        const source = readFileSync(path.join(servicesDir, file), 'utf8');
        const queries = /\bdb\s*\.\s*(select|insert|update|delete)\(/.test(source);
        // A prepared statement scopes with visibleStudentsPrepared and fills it with withSubject(ctx, …).
        const prepared = /visibleStudentsPrepared\(/.test(source) && /withSubject\(ctx\b/.test(source);
        const scoped = prepared || /ctx\.tenantId|visibleStudents\(|find(Visible\w+|Advisor)\(/.test(source);
        return queries && !scoped && !CROSS_TENANT.has(file);
      });
    expect(unscoped).toEqual([]);
  });
});
