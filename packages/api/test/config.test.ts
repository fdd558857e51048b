import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('has embedded defaults: port 3000 on loopback, PGlite under ./.infoview, a sandbox first tenant', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      firstTenant: { name: undefined, sandbox: true },
      dataDir: path.resolve('/srv/app/.infoview'),
      databaseUrl: undefined,
      redisUrl: undefined,
      logLevel: 'info',
      idempotencyTtlHours: 24,
      databasePoolSize: undefined,
    });
    expect(loadConfig({ DATABASE_POOL_SIZE: '40' }).databasePoolSize).toBe(40);
  });

  it('serves the sample portal on the embedded default only, unless INFOVIEW_PORTAL says otherwise', () => {
    const postgres = { DATABASE_URL: 'postgres://u@localhost:5432/db' };
    expect(loadConfig({}).portal).toBe(true);
    expect(loadConfig(postgres).portal).toBe(false);
    expect(loadConfig({ ...postgres, INFOVIEW_PORTAL: 'true' }).portal).toBe(true);
    expect(loadConfig({ INFOVIEW_PORTAL: 'false' }).portal).toBe(false);
    expect(() => loadConfig({ INFOVIEW_PORTAL: 'maybe' })).toThrow(/^INFOVIEW_PORTAL:/);
  });

  it('reads DATABASE_URL, REDIS_URL and the admin key', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@localhost:5432/db',
      REDIS_URL: 'redis://localhost:6379',
      INFOVIEW_ADMIN_API_KEY: 'iv_live_0123456789abcdefghijklmnop',
      PORT: '8080',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u@localhost:5432/db',
      redisUrl: 'redis://localhost:6379',
    });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'http://x'],
    ['LOG_LEVEL', 'loud'],
    ['RATE_LIMIT_MAX', '0'],
    ['DATABASE_POOL_SIZE', '0'],
    ['DATABASE_POOL_SIZE', 'many'],
    ['IDEMPOTENCY_TTL_HOURS', '1'],
    ['INFOVIEW_ADMIN_API_KEY', 'short'],
    // docker/example.env's placeholders, and their kind: valid shapes, publicly known values.
    ['INFOVIEW_ADMIN_API_KEY', 'replace-with-a-random-key-of-24-to-200-characters'],
    ['INFOVIEW_ADMIN_API_KEY', 'changeme-changeme-changeme'],
    ['INFOVIEW_ADMIN_API_KEY', 'your-admin-key-goes-here-000'],
    [
      'DATABASE_URL',
      'postgres://infoview:replace-with-a-long-random-url-safe-password@postgres:5432/infoview',
    ],
    ['DATABASE_URL', 'postgres://infoview:changeme@postgres:5432/infoview'],
    ['INFOVIEW_TENANT_MODE', 'production'],
    ['INFOVIEW_TENANT_NAME', 'x'.repeat(201)],
  ])('a bad %s (%s) is an error naming the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}:`));
  });

  it('opens HOST and asks for a live first tenant only when told to', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(
      loadConfig({ INFOVIEW_TENANT_MODE: 'live', INFOVIEW_TENANT_NAME: ' Example University ' }).firstTenant,
    ).toEqual({ name: 'Example University', sandbox: false });
    expect(loadConfig({ INFOVIEW_TENANT_MODE: 'Sandbox' }).firstTenant.sandbox).toBe(true);
    // A random key or password that merely contains a common word is fine.
    expect(
      loadConfig({ INFOVIEW_ADMIN_API_KEY: 'k3y_replacement_0123456789abcdef' }).adminApiKey,
    ).toBeDefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://u:Secretive-9f3a@db/x' }).databaseUrl).toBeDefined();
  });
});
