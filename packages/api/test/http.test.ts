import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import {
  call,
  createTestDatabase,
  documentedOperations,
  drivers,
  problemOf,
  testConfig,
  useTestApp,
} from './helper.js';

describe.each(drivers)('HTTP conventions (%s)', (driver) => {
  const t = useTestApp(driver, { bodyLimitBytes: 64 * 1024 });

  it('GET /healthz, /readyz, /openapi.json and /docs need no key', async () => {
    expect((await call(t.app, 'GET', '/healthz')).json()).toEqual({ status: 'ok' });
    expect((await call(t.app, 'GET', '/readyz')).json()).toEqual({
      status: 'ok',
      checks: { database: 'ok', reminders: 'ok' },
    });
    const doc = (await call(t.app, 'GET', '/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect((await call(t.app, 'GET', '/docs')).statusCode).toBeLessThan(400);
  });

  it('every operation has an operationId, tags, a summary and problem responses', async () => {
    const ids = new Set<string>();
    for (const { method, path, op } of documentedOperations<Record<string, unknown>>(t.app)) {
      const where = `${method} ${path}`;
      expect(op.operationId, where).toBeTypeOf('string');
      expect(ids.has(op.operationId as string), `${where} duplicate operationId`).toBe(false);
      ids.add(op.operationId as string);
      expect((op.tags as string[]).length, where).toBeGreaterThan(0);
      expect(op.summary, where).toBeTypeOf('string');
      const responses = op.responses as Record<string, { content?: Record<string, unknown> }>;
      expect(responses['500']?.content?.['application/problem+json'], where).toBeDefined();
    }
    expect(ids.size).toBeGreaterThan(10);
  });

  it('documents the shared response headers on every operation, as they are sent', async () => {
    const shared = ['x-request-id', 'ratelimit', 'ratelimit-policy'];
    const operations = documentedOperations<{
      responses: Record<string, { headers?: Record<string, unknown> }>;
    }>(t.app);
    for (const { method, path, op } of operations) {
      // Without a key: a rate-limited operation answers 401 (its headers set before authentication).
      const url = path.replace(/\{[^}]+\}/g, '01900000-0000-7000-8000-000000000000');
      const response = await call(t.app, method as 'GET', url);
      const sent = shared.filter((h) => response.headers[h] !== undefined);
      for (const [status, documented] of Object.entries(op.responses)) {
        const names = Object.keys(documented.headers ?? {}).map((h) => h.toLowerCase());
        expect(
          names.filter((h) => shared.includes(h)),
          `${method} ${path} ${status}`,
        ).toEqual(sent);
        if (status === '429') expect(names, `${method} ${path} 429`).toContain('retry-after');
      }
    }
    expect(operations.length).toBeGreaterThan(10);
    const doc = t.app.swagger() as unknown as { components: { headers: Record<string, unknown> } };
    expect(Object.keys(doc.components.headers)).toEqual(
      expect.arrayContaining(['X-Request-Id', 'RateLimit', 'RateLimit-Policy', 'Retry-After']),
    );
  });

  it('answers problems with a request id: 401, 404, 415, invalid JSON, 413', async () => {
    const { adminKey } = await t.tenant();
    const noKey = await call(t.app, 'GET', '/students');
    expect(noKey.statusCode).toBe(401);
    expect(problemOf(noKey)).toMatchObject({
      code: 'auth.missing_credentials',
      status: 401,
      instance: '/students',
    });
    expect(problemOf(noKey).requestId).toBe(noKey.headers['x-request-id']);
    expect(problemOf(await call(t.app, 'GET', '/students', { key: 'iv_live_nope' })).code).toBe(
      'auth.invalid_credentials',
    );
    expect(
      problemOf(await call(t.app, 'GET', '/students', { headers: { authorization: 'Basic abc' } })).code,
    ).toBe('auth.invalid_credentials');
    expect(problemOf(await call(t.app, 'GET', '/students', { key: `iv_live_${'a'.repeat(600)}` })).code).toBe(
      'auth.invalid_credentials',
    );

    const unknown = await call(t.app, 'GET', '/nowhere', { key: adminKey });
    expect(unknown.statusCode).toBe(404);
    expect(problemOf(unknown).code).toBe('route.not_found');

    const xml = await t.app.inject({
      method: 'POST',
      url: '/students',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/xml' },
      payload: '<student/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(problemOf(xml).code).toBe('request.unsupported_media_type');

    const broken = await t.app.inject({
      method: 'POST',
      url: '/students',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      payload: '{"externalId": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(problemOf(broken).code).toBe('request.invalid_json');

    const huge = await call(t.app, 'POST', '/students', {
      key: adminKey,
      body: { externalId: 'h', name: 'x'.repeat(70 * 1024), timeZone: 'UTC' },
    });
    expect(huge.statusCode).toBe(413);
    expect(problemOf(huge).code).toBe('request.body_too_large');
  });

  it('names the field in validation errors', async () => {
    const { adminKey } = await t.tenant();
    const res = await call(t.app, 'POST', '/students', {
      key: adminKey,
      body: { name: 42, timeZone: 'UTC' },
    });
    expect(res.statusCode).toBe(400);
    const problem = problemOf(res);
    expect(problem.code).toBe('request.validation_failed');
    const paths = problem.errors?.map((e) => e.path) ?? [];
    expect(paths.some((p) => p === '/body/externalId' || p === '/body/name')).toBe(true);
    expect(problem.detail).toMatch(/\/body\//);
  });

  it('echoes a well-formed x-request-id and makes one otherwise', async () => {
    const echoed = await call(t.app, 'GET', '/healthz', { headers: { 'x-request-id': 'portal-req-123' } });
    expect(echoed.headers['x-request-id']).toBe('portal-req-123');
    const replaced = await call(t.app, 'GET', '/healthz', {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a matching If-None-Match on GET and HEAD with 304, and only on reads', async () => {
    const { adminKey } = await t.tenant();
    const body = { externalId: 'cond-1', name: 'Ada', timeZone: 'UTC', profile: {} };
    const created = await call(t.app, 'POST', '/students', { key: adminKey, body });
    const { id } = created.json() as { id: string };
    const etag = created.headers.etag as string;
    const ifNoneMatch = (tag: string) => ({ key: adminKey, headers: { 'if-none-match': tag } });

    for (const method of ['GET', 'HEAD'] as const) {
      const notModified = await call(t.app, method, `/students/${id}`, ifNoneMatch(`"x", W/${etag}`));
      expect(notModified.statusCode, method).toBe(304);
      expect(notModified.body, method).toBe('');
      expect(notModified.headers['x-request-id'], method).toBeTypeOf('string');
      const changed = await call(t.app, method, `/students/${id}`, ifNoneMatch(`"${id}:0"`));
      expect(changed.statusCode, method).toBe(200);
    }
    // A write is never turned into a 304, whatever tag the client sends.
    const write = await call(t.app, 'POST', '/students', {
      ...ifNoneMatch('*'),
      body: { ...body, externalId: 'cond-2' },
    });
    expect(write.statusCode).toBe(201);
  });
});

describe('HTTP failures', () => {
  it('a 500 is a problem without internals; a failing readiness check is a 503', async () => {
    const { database, drop } = await createTestDatabase(drivers[0]!);
    const app = await buildApp(testConfig(), {
      database,
      readinessChecks: {
        reminders: async () => {
          throw new Error('redis down');
        },
      },
    });
    app.get('/boom', { config: { public: true } }, async () => {
      throw new Error('secret internals at /srv/app.ts:12');
    });
    try {
      const boom = await app.inject({ method: 'GET', url: '/boom' });
      expect(boom.statusCode).toBe(500);
      const problem = problemOf(boom);
      expect(problem.code).toBe('internal.error');
      expect(boom.body).not.toContain('secret internals');
      expect(boom.body).not.toContain('.ts');

      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(problemOf(ready)).toMatchObject({
        code: 'service.unavailable',
        checks: { database: 'ok', reminders: 'redis down' },
      });
    } finally {
      await app.close();
      await drop();
    }
  });

  it('rate limits per API key with a 429 problem and Retry-After', async () => {
    const { database, drop } = await createTestDatabase(drivers[0]!);
    const app = await buildApp(testConfig({ rateLimitMax: 2 }), { database });
    try {
      const key = 'iv_live_AAAAAAAAthis-key-does-not-exist';
      const statuses: number[] = [];
      let last = await app.inject({
        method: 'GET',
        url: '/tenant',
        headers: { authorization: `Bearer ${key}` },
      });
      statuses.push(last.statusCode);
      for (let i = 0; i < 2; i++) {
        last = await app.inject({
          method: 'GET',
          url: '/tenant',
          headers: { authorization: `Bearer ${key}` },
        });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([401, 401, 429]);
      expect(problemOf(last).code).toBe('rate_limit.exceeded');
      expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
      // draft-ietf-httpapi-ratelimit-headers: the quota and window, then what is left and when it resets.
      expect(last.headers['ratelimit-policy']).toBe('"key";q=2;w=60');
      expect(last.headers.ratelimit).toBe(`"key";r=0;t=${last.headers['retry-after']}`);
      // Another key has its own bucket.
      const other = await app.inject({
        method: 'GET',
        url: '/tenant',
        headers: { authorization: 'Bearer iv_live_BBBBBBBBxx' },
      });
      expect(other.statusCode).toBe(401);
      expect(other.headers.ratelimit).toBe('"key";r=1;t=60');
      expect(other.headers['retry-after']).toBeUndefined();
    } finally {
      await app.close();
      await drop();
    }
  });
});
