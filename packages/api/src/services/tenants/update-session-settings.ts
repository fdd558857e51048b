import { and, eq, sql } from 'drizzle-orm';
import { tenants } from '../../db/schema/tenants.js';
import { ServiceError } from '../../errors.js';
import { requireRole, type ServiceContext } from '../context.js';
import { type ExpectedVersion, staleOrMissing } from '../versioning.js';
import { presentTenant, type TenantView } from './present.js';

export interface SessionSettingsPatch {
  ttlMinutes?: number | undefined;
  allowedOrigins?: string[] | undefined;
}

/**
 * Changes the tenant's browser-session settings (admin). An allowed origin is exactly what a
 * browser sends in `Origin`: `https://host[:port]`, no path, no trailing slash.
 */
export async function updateSessionSettings({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { expectedVersion: ExpectedVersion; sessions: SessionSettingsPatch };
}): Promise<TenantView> {
  requireRole(ctx, 'admin');
  const { ttlMinutes, allowedOrigins } = input.sessions;
  const invalid = (allowedOrigins ?? [])
    .map((origin, i) => ({ origin, i }))
    .filter(({ origin }) => !isOrigin(origin));
  if (invalid.length > 0) {
    throw new ServiceError(
      'tenant.origin_invalid',
      'Each allowed origin is scheme://host[:port], http or https',
      {
        errors: invalid.map(({ i }) => ({
          path: `/body/sessions/allowedOrigins/${i}`,
          message: 'is not an http(s) origin such as https://portal.example.edu',
        })),
      },
    );
  }
  const [current] = await ctx.db
    .select({ version: tenants.version })
    .from(tenants)
    .where(eq(tenants.id, ctx.tenantId));
  if (!current) throw new ServiceError('tenant.not_found');
  const expected = input.expectedVersion === 'any' ? current.version : input.expectedVersion;
  const [row] = await ctx.db
    .update(tenants)
    .set({
      ...(ttlMinutes === undefined ? {} : { sessionTtlMinutes: ttlMinutes }),
      ...(allowedOrigins === undefined ? {} : { sessionAllowedOrigins: [...new Set(allowedOrigins)] }),
      version: sql`${tenants.version} + 1`,
      updatedAt: ctx.now(),
    })
    .where(and(eq(tenants.id, ctx.tenantId), eq(tenants.version, expected)))
    .returning();
  if (!row) staleOrMissing(true, () => new ServiceError('tenant.not_found'));
  return presentTenant(row);
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}
