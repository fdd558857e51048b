import { requireRole, type ServiceContext } from '../context.js';
import { findAdvisor } from './find.js';
import { type AdvisorView, presentAdvisor } from './present.js';

export async function getAdvisor({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string };
}): Promise<AdvisorView> {
  requireRole(ctx, 'admin');
  return presentAdvisor(await findAdvisor(ctx, input.id));
}
