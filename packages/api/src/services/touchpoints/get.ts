import { and, eq } from 'drizzle-orm';
import { touchpoints } from '../../db/schema/network.js';
import { ServiceError } from '../../errors.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';
import { presentTouchpoint, type TouchpointView } from './present.js';

/** One touchpoint the caller may see (the `Location` of a created one). */
export async function getTouchpoint({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<TouchpointView> {
  const [row] = await ctx.db
    .select()
    .from(touchpoints)
    .where(
      and(visibleStudents(ctx, touchpoints.tenantId, touchpoints.studentId), eq(touchpoints.id, input.id)),
    );
  if (!row) throw new ServiceError('touchpoint.not_found', `No touchpoint ${input.id}`);
  return presentTouchpoint(row);
}
