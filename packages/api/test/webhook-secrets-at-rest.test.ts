import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { installSecretKeyring, secretKeyring } from '../src/crypto/installed-keyring.js';
import { generateSecretKey, SecretKeyring } from '../src/crypto/secret-keyring.js';
import { webhookEndpoints } from '../src/db/schema/webhook-endpoints.js';
import { resealWebhookSecrets } from '../src/services/webhook-endpoints/reseal-secrets.js';
import { call, drivers, useTestApp } from './helper.js';

describe.each(drivers)('webhook signing secrets at rest (%s)', (driver) => {
  const t = useTestApp(driver);
  const testKeyring = secretKeyring();
  afterEach(() => installSecretKeyring(testKeyring));

  const raw = async (id: string) => {
    const [row] = await t.database.db
      .select({
        secret: sql<string>`${webhookEndpoints.secret}`,
        previous: sql<string | null>`${webhookEndpoints.previousSecret}`,
      })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, id));
    return row!;
  };
  const decoded = async (id: string) => {
    const [row] = await t.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    return row!;
  };

  it('are sealed with the operator key (key id stored beside them) and read back as the secret', async () => {
    const { adminKey } = await t.tenant();
    const created = await call(t.app, 'POST', '/webhooks', {
      key: adminKey,
      body: { url: 'https://h.example.org/' },
    });
    const { id, secret } = created.json();
    const stored = await raw(id);
    expect(stored.secret).toMatch(new RegExp(`^sealed:v1:${testKeyring.currentId}:`));
    expect(stored.secret).not.toContain(secret.slice(6));
    expect((await decoded(id)).secret).toBe(secret);

    const rotated = await call(t.app, 'POST', `/webhooks/${id}/rotate-secret`, { key: adminKey });
    const after = await raw(id);
    expect(after.previous).toMatch(/^sealed:v1:/);
    expect(after.previous).not.toContain(secret.slice(6));
    expect(await decoded(id)).toMatchObject({ secret: rotated.json().secret, previousSecret: secret });
  });

  it('rotation: a new key first, the reseal rewrites every value, then the old key can go', async () => {
    const { adminKey } = await t.tenant();
    const created = await call(t.app, 'POST', '/webhooks', {
      key: adminKey,
      body: { url: 'https://r.example.org/' },
    });
    const { id, secret } = created.json();
    const rotated = (await call(t.app, 'POST', `/webhooks/${id}/rotate-secret`, { key: adminKey })).json()
      .secret;

    const next = generateSecretKey('next');
    installSecretKeyring(new SecretKeyring([next, ...testKeyring.keys]));
    const first = await resealWebhookSecrets({ ctx: { db: t.database.db, now: () => new Date() } });
    expect(first.unreadable).toBe(0);
    expect(first.resealed).toBeGreaterThan(0);
    const resealed = await raw(id);
    expect(resealed.secret).toMatch(/^sealed:v1:next:/);
    expect(resealed.previous).toMatch(/^sealed:v1:next:/);
    // A second pass finds nothing left to rewrite.
    expect(await resealWebhookSecrets({ ctx: { db: t.database.db, now: () => new Date() } })).toEqual({
      resealed: 0,
      unreadable: 0,
    });

    installSecretKeyring(new SecretKeyring([next]));
    expect(await decoded(id)).toMatchObject({ secret: rotated, previousSecret: secret });
    // Back to the suite's key (the other tests' rows are sealed with it).
    installSecretKeyring(new SecretKeyring([...testKeyring.keys, next]));
    await resealWebhookSecrets({ ctx: { db: t.database.db, now: () => new Date() } });
  });

  it('a secret stored in the clear before encryption is read as is, then sealed by the reseal', async () => {
    const { tenantId, adminKey } = await t.tenant();
    const created = await call(t.app, 'POST', '/webhooks', {
      key: adminKey,
      body: { url: 'https://l.example.org/' },
    });
    const { id } = created.json();
    const legacy = 'whsec_bGVnYWN5LXNlY3JldC1rZXB0LWluLWNsZWFyLTMyYg==';
    await t.database.db.execute(
      sql`UPDATE webhook_endpoints SET secret = ${legacy} WHERE id = ${id} AND tenant_id = ${tenantId}`,
    );
    expect((await decoded(id)).secret).toBe(legacy);
    await resealWebhookSecrets({ ctx: { db: t.database.db, now: () => new Date() } });
    expect((await raw(id)).secret).toMatch(/^sealed:v1:/);
    expect((await decoded(id)).secret).toBe(legacy);
  });
});
