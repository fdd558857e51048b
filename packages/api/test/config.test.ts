import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('has embedded defaults: port 3000, PGlite under ./.infoview', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 3000,
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
  ])('a bad %s (%s) is an error naming the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}:`));
  });
});
