import { asc, eq } from 'drizzle-orm';
import { apiKeys } from '../../db/schema/api-keys.js';
import { tenants } from '../../db/schema/tenants.js';
import { newId } from '../../lib/ids.js';
import { insertApiKey } from '../api-keys/insert.js';
import { generateApiKey, hashApiKey } from '../api-keys/secret.js';
import type { SystemContext } from '../context.js';

export const DEMO_TENANT_NAME = 'Demo University';

export interface DemoTenantResult {
  tenantId: string;
  /** Set only when a key was generated now: print it once, it is stored hashed. */
  generatedAdminKey: string | null;
  created: boolean;
  name: string;
  sandbox: boolean;
}

/**
 * First start on an empty database: the first tenant — by default a sandbox "Demo University";
 * a deployment asks for a live one (INFOVIEW_TENANT_MODE=live), so no test clock can ever move
 * its time — and an admin key for it: `adminKey` when the operator set one, otherwise a fresh
 * key (iv_test_ or iv_live_) returned for printing once. Later starts only make sure an
 * operator-set key exists (so it can be rotated by env).
 */
export async function ensureDemoTenant({
  ctx,
  input,
}: {
  ctx: SystemContext;
  input: { adminKey?: string | undefined; name?: string | undefined; sandbox?: boolean | undefined };
}): Promise<DemoTenantResult> {
  const name = input.name ?? DEMO_TENANT_NAME;
  const sandbox = input.sandbox ?? true;
  return ctx.db.transaction(async (db) => {
    const now = ctx.now();
    const [existing] = await db
      .select()
      .from(tenants)
      .orderBy(asc(tenants.createdAt), asc(tenants.id))
      .limit(1);
    if (existing) {
      if (input.adminKey) {
        const [key] = await db
          .select({ id: apiKeys.id })
          .from(apiKeys)
          .where(eq(apiKeys.hash, hashApiKey(input.adminKey)));
        if (!key) {
          await insertApiKey(db, now, {
            tenantId: existing.id,
            name: 'INFOVIEW_ADMIN_API_KEY',
            secret: input.adminKey,
            scope: 'admin',
          });
        }
      }
      return {
        tenantId: existing.id,
        generatedAdminKey: null,
        created: false,
        name: existing.name,
        sandbox: existing.sandbox,
      };
    }
    const [tenant] = await db
      .insert(tenants)
      .values({
        id: newId(now.getTime()),
        name,
        sandbox,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const secret = input.adminKey ?? generateApiKey(sandbox);
    await insertApiKey(db, now, {
      tenantId: tenant!.id,
      name: input.adminKey ? 'INFOVIEW_ADMIN_API_KEY' : sandbox ? 'Demo admin key' : 'First admin key',
      secret,
      scope: 'admin',
    });
    return {
      tenantId: tenant!.id,
      generatedAdminKey: input.adminKey ? null : secret,
      created: true,
      name,
      sandbox,
    };
  });
}
