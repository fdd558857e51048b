import { analyticsSettings } from '../../db/schema/analytics.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import type { AnalyticsSettingsView } from './get-settings.js';

/** Sets the tenant's k (admins only). */
export async function updateAnalyticsSettings({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: AnalyticsSettingsView;
}): Promise<AnalyticsSettingsView> {
  requireRole(ctx, 'admin');
  return withTransaction(ctx, async (tx) => {
    const now = tx.now();
    await tx.db
      .insert(analyticsSettings)
      .values({ tenantId: ctx.tenantId, minStudents: input.minStudents, updatedAt: now })
      .onConflictDoUpdate({
        target: analyticsSettings.tenantId,
        set: { minStudents: input.minStudents, updatedAt: now },
      });
    return { minStudents: input.minStudents };
  });
}
