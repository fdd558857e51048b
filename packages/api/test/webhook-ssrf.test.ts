import { describe, expect, it } from 'vitest';
import { call, drivers, problemOf, useTestApp } from './helper.js';
import { LITERAL_PROBES } from './net/probes.js';

describe.each(drivers)('webhook registration refuses addresses inside the network (%s)', (driver) => {
  // The operator allowed nothing private: what a deployment without WEBHOOK_ALLOW_PRIVATE_HOSTS does.
  const t = useTestApp(driver, { webhookAllowPrivateHosts: [] });

  it('answers 422 url_not_allowed to every probe, for admin and integration keys alike', async () => {
    const tenant = await t.tenant();
    const integration = await tenant.key('integration');
    for (const key of [tenant.adminKey, integration]) {
      for (const url of LITERAL_PROBES) {
        const response = await call(t.app, 'POST', '/webhooks', { key, body: { url } });
        expect(response.statusCode, url).toBe(422);
        const problem = problemOf(response);
        expect(problem.code).toBe('webhook_endpoint.url_not_allowed');
        expect(problem.errors).toEqual([{ path: '/body/url', message: expect.any(String) }]);
      }
    }
    const listed = await call(t.app, 'GET', '/webhooks', { key: tenant.adminKey });
    expect(listed.json().data).toEqual([]);
  });

  it('refuses credentials and control characters, and stores the URL normalised', async () => {
    const { adminKey } = await t.tenant();
    for (const url of [
      'https://u:p@example.org/h',
      'https://example.org/\r\nX: y',
      'https://example.org/a\tb',
    ]) {
      const response = await call(t.app, 'POST', '/webhooks', { key: adminKey, body: { url } });
      expect(problemOf(response).code, JSON.stringify(url)).toBe('webhook_endpoint.url_invalid');
    }
    // NUL is refused earlier, by the one text rule every string of every request meets.
    const nul = await call(t.app, 'POST', '/webhooks', {
      key: adminKey,
      body: { url: 'https://example.org/a\u0000b' },
    });
    expect(problemOf(nul).code).toBe('request.validation_failed');
    expect(problemOf(nul).errors).toEqual([{ path: '/body/url', message: expect.any(String) }]);
    const created = await call(t.app, 'POST', '/webhooks', {
      key: adminKey,
      body: { url: 'HTTPS://Receiver.Example.ORG:443/a/../hooks?x=1' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().url).toBe('https://receiver.example.org/hooks?x=1');
  });
});
