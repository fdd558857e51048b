import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../context.js';
import { rowsOf } from './rows.js';

/** k when the tenant set none: the usual threshold for figures about students. */
export const DEFAULT_MIN_STUDENTS = 5;

export interface AnalyticsSettingsView {
  /** k: a figure about fewer students than this is suppressed. */
  minStudents: number;
}

/** The tenant's analytics settings (its k). */
export async function getAnalyticsSettings({ ctx }: { ctx: ServiceContext }): Promise<AnalyticsSettingsView> {
  const [row] = rowsOf<{ min_students: number }>(
    await ctx.db.execute(sql`select min_students from analytics_settings where tenant_id = ${ctx.tenantId}`),
  );
  return { minStudents: row?.min_students ?? DEFAULT_MIN_STUDENTS };
}
