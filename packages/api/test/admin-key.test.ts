import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSecretKeyring, secretKeyring } from '../src/crypto/installed-keyring.js';
import { generateSecretKey, SecretKeyring } from '../src/crypto/secret-keyring.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { apiKeys } from '../src/db/schema/api-keys.js';
import { authenticateApiKey } from '../src/services/api-keys/authenticate.js';
import { hashApiKey } from '../src/services/api-keys/secret.js';
import { ensureDemoTenant } from '../src/services/tenants/ensure-demo.js';

const operatorKey = 'iv_live_operator-chosen-admin-key-2026';

// One database for the file (opening PGlite is the slow part); the tests run in order on it.
let database: Database;
let ctx: { db: Database['db']; now: () => Date };
beforeAll(async () => {
  database = await openDatabase({});
  await migrateDatabase(database);
  ctx = { db: database.db, now: () => new Date() };
});
afterAll(() => database.close());

describe('INFOVIEW_ADMIN_API_KEY at rest', () => {
  it('is stored as a keyed hash (HMAC under the operator key), not bare sha256, and authenticates', async () => {
    await ensureDemoTenant({ ctx, input: { adminKey: operatorKey } });
    const [row] = await ctx.db.select().from(apiKeys);
    expect(row!.hash).toBe(secretKeyring().keyedHash(operatorKey));
    expect(row!.hash).not.toBe(hashApiKey(operatorKey));
    expect(await authenticateApiKey({ ctx, input: { secret: operatorKey } })).toMatchObject({
      actor: { role: 'admin' },
    });
  });

  it('a key stored as sha256 before, or keyed under a rotated-out key, is re-hashed at start', async () => {
    await ensureDemoTenant({ ctx, input: { adminKey: operatorKey } });
    await ctx.db.update(apiKeys).set({ hash: hashApiKey(operatorKey) });
    await ensureDemoTenant({ ctx, input: { adminKey: operatorKey } });
    expect((await ctx.db.select().from(apiKeys))[0]!.hash).toBe(secretKeyring().keyedHash(operatorKey));

    const before = secretKeyring();
    try {
      installSecretKeyring(new SecretKeyring([generateSecretKey('next'), ...before.keys]));
      await ensureDemoTenant({ ctx, input: { adminKey: operatorKey } });
      const rows = await ctx.db.select().from(apiKeys);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.hash).toBe(secretKeyring().keyedHash(operatorKey));
      expect(await authenticateApiKey({ ctx, input: { secret: operatorKey } })).toBeTruthy();
    } finally {
      installSecretKeyring(before);
    }
  });

  it('a revoked operator key is reported at start (server.ts logs a warning), not silently kept', async () => {
    expect((await ensureDemoTenant({ ctx, input: { adminKey: operatorKey } })).adminKeyRevoked).toBe(false);
    await ctx.db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(eq(apiKeys.name, 'INFOVIEW_ADMIN_API_KEY'));
    const again = await ensureDemoTenant({ ctx, input: { adminKey: operatorKey } });
    expect(again.adminKeyRevoked).toBe(true);
    await expect(authenticateApiKey({ ctx, input: { secret: operatorKey } })).rejects.toMatchObject({
      code: 'auth.invalid_credentials',
    });
  });
});
