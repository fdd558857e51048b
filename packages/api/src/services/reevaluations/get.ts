import { and, eq } from 'drizzle-orm';
import { reevaluationJobs } from '../../db/schema/reevaluation-jobs.js';
import { ServiceError } from '../../errors.js';
import { requireRole, type ServiceContext } from '../context.js';
import { presentReevaluation, type ReevaluationView } from './present.js';

/** A re-evaluation job's progress, for the tenant's admins (they are the ones who change the policy). */
export async function getReevaluation({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<ReevaluationView> {
  requireRole(ctx, 'admin');
  const [row] = await ctx.db
    .select()
    .from(reevaluationJobs)
    .where(and(eq(reevaluationJobs.tenantId, ctx.tenantId), eq(reevaluationJobs.id, input.id)));
  if (!row) throw new ServiceError('reevaluation.not_found', `No re-evaluation ${input.id}`);
  return presentReevaluation(row);
}
