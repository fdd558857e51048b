import { asc, eq, inArray } from 'drizzle-orm';
import { secretKeyring } from '../../crypto/installed-keyring.js';
import { apiKeys } from '../../db/schema/api-keys.js';
import { tenants } from '../../db/schema/tenants.js';
import { newId } from '../../lib/ids.js';
import { insertApiKey } from '../api-keys/insert.js';
import { generateApiKey, hashApiKey, keyedApiKeyHash } from '../api-keys/secret.js';
import type { SystemContext } from '../context.js';

export const DEMO_TENANT_NAME = 'Demo University';

export interface DemoTenantResult {
  tenantId: string;
  /** Set only when a key was generated now: print it once, it is stored hashed. */
  generatedAdminKey: string | null;
  /** The operator's INFOVIEW_ADMIN_API_KEY was revoked: it authenticates nothing (warn at start). */
  adminKeyRevoked: boolean;
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
      let adminKeyRevoked = false;
      if (input.adminKey) {
        // Stored as sha256 before keyed hashes existed, or keyed under a key since rotated out.
        const candidates = [hashApiKey(input.adminKey), ...secretKeyring().keyedHashes(input.adminKey)];
        const [key] = await db
          .select({ id: apiKeys.id, hash: apiKeys.hash, revokedAt: apiKeys.revokedAt })
          .from(apiKeys)
          .where(inArray(apiKeys.hash, candidates));
        if (!key) {
          await insertApiKey(db, now, {
            tenantId: existing.id,
            name: 'INFOVIEW_ADMIN_API_KEY',
            secret: input.adminKey,
            scope: 'admin',
            operatorChosen: true,
          });
        } else {
          adminKeyRevoked = key.revokedAt !== null;
          const keyed = keyedApiKeyHash(input.adminKey);
          if (key.hash !== keyed) await db.update(apiKeys).set({ hash: keyed }).where(eq(apiKeys.id, key.id));
        }
      }
      return {
        tenantId: existing.id,
        generatedAdminKey: null,
        created: false,
        name: existing.name,
        sandbox: existing.sandbox,
        adminKeyRevoked,
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
      operatorChosen: input.adminKey !== undefined,
    });
    return {
      tenantId: tenant!.id,
      generatedAdminKey: input.adminKey ? null : secret,
      created: true,
      name,
      sandbox,
      adminKeyRevoked: false,
    };
  });
}
