import { insertApiKey } from '../api-keys/insert.js';
import { generateApiKey } from '../api-keys/secret.js';
import type { SystemContext } from '../context.js';
import { createTenant } from './create.js';
import type { TenantView } from './present.js';

/**
 * A new institution with its first admin key, in one transaction: the operator's way to add a
 * real (or another sandbox) tenant. The key is returned once for printing; only its hash is kept.
 */
export async function createTenantWithAdminKey({
  ctx,
  input,
}: {
  ctx: SystemContext;
  input: { name: string; sandbox: boolean };
}): Promise<{ tenant: TenantView; adminKey: string }> {
  return ctx.db.transaction(async (db) => {
    const tx = { ...ctx, db };
    const tenant = await createTenant({ ctx: tx, input });
    const adminKey = generateApiKey(input.sandbox);
    await insertApiKey(db, ctx.now(), {
      tenantId: tenant.id,
      name: 'First admin key',
      secret: adminKey,
      scope: 'admin',
    });
    return { tenant, adminKey };
  });
}
