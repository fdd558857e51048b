import { tenants } from '../../db/schema/tenants.js';
import { newId } from '../../lib/ids.js';
import type { SystemContext } from '../context.js';
import { presentTenant, type TenantView } from './present.js';

/** Creates an institution. Not exposed over HTTP yet: start-up and tests use it. */
export async function createTenant({
  ctx,
  input,
}: {
  ctx: SystemContext;
  input: { name: string; sandbox?: boolean };
}): Promise<TenantView> {
  const now = ctx.now();
  const [row] = await ctx.db
    .insert(tenants)
    .values({
      id: newId(now.getTime()),
      name: input.name,
      sandbox: input.sandbox ?? false,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return presentTenant(row!);
}
