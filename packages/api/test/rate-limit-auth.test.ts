import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, drivers, useTestApp } from './helper.js';

const junk = () => `iv_live_${randomBytes(30).toString('base64url')}`;

describe.each(drivers.slice(0, 1))('rate limits that made-up keys cannot dodge (%s)', (driver) => {
  // A long window: the flood below takes longer than a minute on a busy machine.
  const t = useTestApp(driver, {
    rateLimitMax: 50,
    rateLimitAuthFailuresMax: 20,
    rateLimitWindowMs: 3_600_000,
  });

  it('failed authentications are limited per client address: 300 random tokens are not 300 × 401', async () => {
    const counts: Record<number, number> = {};
    for (let i = 0; i < 300; i++) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/students',
        remoteAddress: '198.51.100.7',
        headers: { authorization: `Bearer ${junk()}` },
      });
      counts[res.statusCode] = (counts[res.statusCode] ?? 0) + 1;
    }
    console.info(`300 random tokens: ${JSON.stringify(counts)}`);
    expect(counts[401]).toBe(20);
    expect(counts[429]).toBe(280);
    // Another address is not punished for it.
    const other = await t.app.inject({
      method: 'GET',
      url: '/students',
      remoteAddress: '198.51.100.8',
      headers: { authorization: `Bearer ${junk()}` },
    });
    expect(other.statusCode).toBe(401);
  });

  it('a flood of made-up keys from many addresses never gives a limited key its budget back', async () => {
    const { adminKey } = await t.tenant();
    for (let i = 0; i < 50; i++) await call(t.app, 'GET', '/students', { key: adminKey });
    expect((await call(t.app, 'GET', '/students', { key: adminKey })).statusCode).toBe(429);
    // 6000 junk tokens (past the 5000 buckets kept), each from its own address.
    for (let i = 0; i < 6000; i++) {
      await t.app.inject({
        method: 'GET',
        url: '/students',
        remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        headers: { authorization: `Bearer ${junk()}` },
      });
    }
    expect((await call(t.app, 'GET', '/students', { key: adminKey })).statusCode).toBe(429);
  });
});
