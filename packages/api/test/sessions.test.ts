import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type InfoviewApp } from '../src/app.js';
import type { Database } from '../src/db/client.js';
import { sessions } from '../src/db/schema/sessions.js';
import { loggerOptions } from '../src/logger.js';
import { insertApiKey } from '../src/services/api-keys/insert.js';
import { generateApiKey } from '../src/services/api-keys/secret.js';
import { SESSION_COMPONENT_NAMES } from '../src/services/sessions/components.js';
import { createTenant } from '../src/services/tenants/create.js';
import {
  call,
  createTestDatabase,
  drivers,
  problemOf,
  type TestContext,
  testConfig,
  useTestApp,
} from './helper.js';

const ALL = SESSION_COMPONENT_NAMES;

async function student(t: TestContext, key: string, externalId: string) {
  const res = await call(t.app, 'POST', '/students', {
    key,
    body: { externalId, name: `Student ${externalId}`, timeZone: 'UTC' },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; externalId: string };
}

async function mint(t: TestContext, key: string, body: Record<string, unknown>) {
  const res = await call(t.app, 'POST', '/sessions', { key, body: { components: ALL, ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; clientSecret: string; expiresAt: string; studentId: string };
}

/** A sandbox tenant (test clocks exist only there) with its admin and integration keys. */
async function sandboxTenant(t: TestContext) {
  const db = t.database.db;
  const tenant = await createTenant({
    ctx: { db, now: () => new Date() },
    input: { name: 'Sandbox U', sandbox: true },
  });
  const key = async (scope: 'admin' | 'integration') => {
    const secret = generateApiKey(true);
    await insertApiKey(db, new Date(), { tenantId: tenant.id, name: scope, secret, scope });
    return secret;
  };
  return { tenantId: tenant.id, adminKey: await key('admin'), integrationKey: await key('integration') };
}

describe.each(drivers)('browser sessions (%s)', (driver) => {
  const t = useTestApp(driver);

  it('mints a session for a student by external id; it acts as that student and no one else', async () => {
    const tenant = await t.tenant();
    const integration = await tenant.key('integration');
    const ann = await student(t, integration, 'ann');
    const bob = await student(t, integration, 'bob');
    const before = Date.now();
    const session = await mint(t, integration, { studentExternalId: 'ann' });
    expect(session.clientSecret).toMatch(/^iv_sess_[A-Za-z0-9_-]{40}$/);
    expect(session.studentId).toBe(ann.id);
    // 15 minutes by default.
    const ttl = Date.parse(session.expiresAt) - before;
    expect(ttl).toBeGreaterThan(14.9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000 + 5000);

    const own = await call(t.app, 'GET', `/students/${ann.id}`, { key: session.clientSecret });
    expect(own.statusCode).toBe(200);
    const other = await call(t.app, 'GET', `/students/${bob.id}`, { key: session.clientSecret });
    expect(other.statusCode).toBe(404);
    expect(problemOf(other).code).toBe('student.not_found');
    const contacts = await call(t.app, 'POST', '/contacts', {
      key: session.clientSecret,
      body: { studentId: bob.id, name: 'Pat', source: 'alumni_directory', email: 'pat@example.com' },
    });
    expect(contacts.statusCode).toBe(404);

    const current = await call(t.app, 'GET', '/sessions/current', { key: session.clientSecret });
    expect(current.json()).toMatchObject({ id: session.id, kind: 'student', studentId: ann.id });
    expect(current.json()).not.toHaveProperty('clientSecret');
  });

  it('reaches no admin operation, cannot mint sessions and cannot act as anyone (403)', async () => {
    const tenant = await t.tenant();
    await student(t, tenant.adminKey, 'cy');
    const { clientSecret } = await mint(t, tenant.adminKey, { studentExternalId: 'cy' });
    for (const [method, url, body] of [
      ['POST', '/api-keys', { name: 'x', scope: 'admin' }],
      ['GET', '/api-keys', undefined],
      ['POST', '/sessions', { studentExternalId: 'cy', components: ['tasks'] }],
      ['PATCH', '/tenant', { sessions: { ttlMinutes: 30 } }],
      ['GET', '/advisors', undefined],
    ] as const) {
      const res = await call(t.app, method, url, {
        key: clientSecret,
        body,
        ...(method === 'PATCH' ? { headers: { 'if-match': '*' } } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(['auth.forbidden', 'session.component_not_allowed']).toContain(problemOf(res).code);
    }
    const actingAs = await call(t.app, 'GET', '/tasks', {
      key: clientSecret,
      headers: { 'infoview-acting-as': 'cy' },
    });
    expect(problemOf(actingAs).code).toBe('auth.acting_as_not_allowed');
  });

  it('reaches only the operations of its components', async () => {
    const tenant = await t.tenant();
    await student(t, tenant.adminKey, 'di');
    const { clientSecret } = await mint(t, tenant.adminKey, {
      studentExternalId: 'di',
      components: ['tasks'],
    });
    expect((await call(t.app, 'GET', '/tasks', { key: clientSecret })).statusCode).toBe(200);
    const contacts = await call(t.app, 'GET', '/contacts', { key: clientSecret });
    expect(contacts.statusCode).toBe(403);
    expect(problemOf(contacts).code).toBe('session.component_not_allowed');
  });

  it('is only for admin and integration keys, and needs exactly one subject', async () => {
    const tenant = await t.tenant();
    const s = await student(t, tenant.adminKey, 'ed');
    const studentKey = await tenant.key('student', { studentId: s.id });
    const byStudent = await call(t.app, 'POST', '/sessions', {
      key: studentKey,
      body: { studentId: s.id, components: ['tasks'] },
    });
    expect(problemOf(byStudent).code).toBe('auth.forbidden');
    const integration = await tenant.key('integration');
    const actingAs = await call(t.app, 'POST', '/sessions', {
      key: integration,
      headers: { 'infoview-acting-as': 'ed' },
      body: { studentId: s.id, components: ['tasks'] },
    });
    expect(actingAs.statusCode).toBe(403);

    const none = await call(t.app, 'POST', '/sessions', {
      key: integration,
      body: { components: ['tasks'] },
    });
    expect(none.statusCode).toBe(422);
    expect(problemOf(none).code).toBe('session.subject_required');
    const two = await call(t.app, 'POST', '/sessions', {
      key: integration,
      body: { studentId: s.id, studentExternalId: 'ed', components: ['tasks'] },
    });
    expect(problemOf(two)).toMatchObject({
      code: 'session.subject_required',
      errors: [{ path: '/body/studentExternalId' }, { path: '/body/studentId' }],
    });
    const unknown = await call(t.app, 'POST', '/sessions', {
      key: integration,
      body: { studentExternalId: 'nobody', components: ['tasks'] },
    });
    expect(problemOf(unknown).code).toBe('student.not_found');
    const badComponent = await call(t.app, 'POST', '/sessions', {
      key: integration,
      body: { studentId: s.id, components: ['admin'] },
    });
    expect(problemOf(badComponent).code).toBe('request.validation_failed');
  });

  it("cannot name another tenant's student, nor reach another tenant", async () => {
    const mine = await t.tenant();
    const theirs = await t.tenant();
    const their = await student(t, theirs.adminKey, 'fay');
    const res = await call(t.app, 'POST', '/sessions', {
      key: mine.adminKey,
      body: { studentId: their.id, components: ['tasks'] },
    });
    expect(res.statusCode).toBe(404);
    await student(t, mine.adminKey, 'fay');
    const session = await mint(t, mine.adminKey, { studentExternalId: 'fay' });
    expect(session.studentId).not.toBe(their.id);
    expect(
      (await call(t.app, 'GET', `/students/${their.id}`, { key: session.clientSecret })).statusCode,
    ).toBe(404);
    const revokeTheirs = await call(t.app, 'DELETE', `/sessions/${session.id}`, { key: theirs.adminKey });
    expect(problemOf(revokeTheirs).code).toBe('session.not_found');
  });

  it('mints an advisor session that sees its cohort only', async () => {
    const tenant = await t.tenant();
    const mine = await student(t, tenant.adminKey, 'gus');
    const other = await student(t, tenant.adminKey, 'hal');
    const advisor = (
      await call(t.app, 'POST', '/advisors', { key: tenant.adminKey, body: { name: 'Ada Advisor' } })
    ).json();
    const assigned = await call(t.app, 'PUT', `/advisors/${advisor.id}/students/${mine.id}`, {
      key: tenant.adminKey,
    });
    expect(assigned.statusCode).toBeLessThan(300);
    const session = await mint(t, tenant.adminKey, { advisorId: advisor.id });
    expect(session).toMatchObject({ kind: 'advisor', advisorId: advisor.id, studentId: null });
    expect((await call(t.app, 'GET', `/students/${mine.id}`, { key: session.clientSecret })).statusCode).toBe(
      200,
    );
    expect(
      (await call(t.app, 'GET', `/students/${other.id}`, { key: session.clientSecret })).statusCode,
    ).toBe(404);
    const write = await call(t.app, 'POST', '/contacts', {
      key: session.clientSecret,
      body: { studentId: mine.id, name: 'Pat', source: 'alumni_directory', email: 'pat@example.com' },
    });
    expect(write.statusCode).toBe(403);
    // The cohort component alone reaches the advisor's own analytics (its charts), not the tenant's.
    const cohortOnly = await mint(t, tenant.adminKey, { advisorId: advisor.id, components: ['cohort'] });
    const own = await call(t.app, 'GET', `/analytics/advisors/${advisor.id}`, {
      key: cohortOnly.clientSecret,
    });
    expect(own.statusCode, own.body).toBe(200);
    const whole = await call(t.app, 'GET', '/analytics/tenant', { key: cohortOnly.clientSecret });
    expect(whole.statusCode).toBe(403);
    const unknown = await call(t.app, 'POST', '/sessions', {
      key: tenant.adminKey,
      body: { advisorId: crypto.randomUUID(), components: ['cohort'] },
    });
    expect(problemOf(unknown).code).toBe('advisor.not_found');
  });

  it("replays a student's retry across a refreshed session, never another student's request", async () => {
    const tenant = await t.tenant();
    const integration = await tenant.key('integration');
    await student(t, integration, 'pia');
    await student(t, integration, 'quin');
    const lint = (secret: string) =>
      call(t.app, 'POST', '/messages/lint', {
        key: secret,
        headers: { 'idempotency-key': 'lint-1' },
        body: { kind: 'outreach', subject: 'Advice', body: 'Dear Pat, could we talk for 20 minutes? Sam' },
      });
    const first = await lint((await mint(t, integration, { studentExternalId: 'pia' })).clientSecret);
    expect(first.statusCode).toBe(200);
    const refreshed = await lint((await mint(t, integration, { studentExternalId: 'pia' })).clientSecret);
    expect(refreshed.headers['idempotent-replayed']).toBe('true');
    const other = await lint((await mint(t, integration, { studentExternalId: 'quin' })).clientSecret);
    expect(other.statusCode).toBe(422);
    expect(problemOf(other).code).toBe('idempotency.key_reused');
  });

  it('is revocable: the next request is a 401 session.revoked', async () => {
    const tenant = await t.tenant();
    const integration = await tenant.key('integration');
    await student(t, integration, 'ivy');
    const session = await mint(t, integration, { studentExternalId: 'ivy' });
    expect((await call(t.app, 'GET', '/tasks', { key: session.clientSecret })).statusCode).toBe(200);
    expect((await call(t.app, 'DELETE', `/sessions/${session.id}`, { key: integration })).statusCode).toBe(
      204,
    );
    expect((await call(t.app, 'DELETE', `/sessions/${session.id}`, { key: integration })).statusCode).toBe(
      204,
    );
    const after = await call(t.app, 'GET', '/tasks', { key: session.clientSecret });
    expect(after.statusCode).toBe(401);
    expect(problemOf(after).code).toBe('session.revoked');
    const unknown = await call(t.app, 'GET', '/tasks', { key: `iv_sess_${'x'.repeat(40)}` });
    expect(problemOf(unknown).code).toBe('auth.invalid_credentials');
  });

  it("expires on the tenant's test clock: a 401 session.expired once expiresAt passes", async () => {
    const tenant = await sandboxTenant(t);
    await student(t, tenant.integrationKey, 'jo');
    const at = '2030-01-01T09:00:00.000Z';
    expect(
      (await call(t.app, 'POST', '/test-clock', { key: tenant.adminKey, body: { at } })).statusCode,
    ).toBe(200);
    const session = await mint(t, tenant.integrationKey, { studentExternalId: 'jo', ttlMinutes: 5 });
    expect(session.expiresAt).toBe('2030-01-01T09:05:00.000Z');
    const advance = (by: string) =>
      call(t.app, 'POST', '/test-clock/advance', { key: tenant.adminKey, body: { by } });
    expect((await advance('PT4M59S')).statusCode).toBe(200);
    expect((await call(t.app, 'GET', '/tasks', { key: session.clientSecret })).statusCode).toBe(200);
    expect((await advance('PT1S')).statusCode).toBe(200);
    const expired = await call(t.app, 'GET', '/tasks', { key: session.clientSecret });
    expect(expired.statusCode).toBe(401);
    expect(problemOf(expired).code).toBe('session.expired');
    // A fresh one works again: what a component's fetchClientSecret gets.
    const fresh = await mint(t, tenant.integrationKey, { studentExternalId: 'jo' });
    expect((await call(t.app, 'GET', '/tasks', { key: fresh.clientSecret })).statusCode).toBe(200);
  });

  it('bounds the lifetime: 1–60 minutes per session and per tenant (400 beyond)', async () => {
    const tenant = await t.tenant();
    await student(t, tenant.adminKey, 'kim');
    for (const ttlMinutes of [61, 0]) {
      const res = await call(t.app, 'POST', '/sessions', {
        key: tenant.adminKey,
        body: { studentExternalId: 'kim', components: ['tasks'], ttlMinutes },
      });
      expect(res.statusCode).toBe(400);
      expect(problemOf(res)).toMatchObject({
        code: 'request.validation_failed',
        errors: [{ path: '/body/ttlMinutes' }],
      });
    }
    const tooLong = await call(t.app, 'PATCH', '/tenant', {
      key: tenant.adminKey,
      headers: { 'if-match': '*' },
      body: { sessions: { ttlMinutes: 61 } },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(problemOf(tooLong).errors?.[0]?.path).toBe('/body/sessions/ttlMinutes');

    const read = await call(t.app, 'GET', '/tenant', { key: tenant.adminKey });
    expect(read.json().sessions).toEqual({ ttlMinutes: 15, allowedOrigins: [] });
    const changed = await call(t.app, 'PATCH', '/tenant', {
      key: tenant.adminKey,
      headers: { 'if-match': String(read.headers.etag) },
      body: { sessions: { ttlMinutes: 60 } },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().sessions.ttlMinutes).toBe(60);
    const stale = await call(t.app, 'PATCH', '/tenant', {
      key: tenant.adminKey,
      headers: { 'if-match': String(read.headers.etag) },
      body: { sessions: { ttlMinutes: 30 } },
    });
    expect(stale.statusCode).toBe(412);
    const before = Date.now();
    const session = await mint(t, tenant.adminKey, { studentExternalId: 'kim' });
    expect(Date.parse(session.expiresAt) - before).toBeGreaterThan(59.9 * 60_000);
  });

  it('stores only the hash of the client secret', async () => {
    const tenant = await t.tenant();
    await student(t, tenant.adminKey, 'lee');
    const session = await mint(t, tenant.adminKey, { studentExternalId: 'lee' });
    const [row] = await t.database.db.select().from(sessions).where(eq(sessions.id, session.id));
    expect(row!.hash).toBe(createHash('sha256').update(session.clientSecret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(session.clientSecret);
    // Not replayable either: an Idempotency-Key would store the secret with the response.
    const again = await call(t.app, 'POST', '/sessions', {
      key: tenant.adminKey,
      headers: { 'idempotency-key': 'mint-1' },
      body: { studentExternalId: 'lee', components: ['tasks'] },
    });
    const replay = await call(t.app, 'POST', '/sessions', {
      key: tenant.adminKey,
      headers: { 'idempotency-key': 'mint-1' },
      body: { studentExternalId: 'lee', components: ['tasks'] },
    });
    expect(replay.headers['idempotent-replayed']).toBeUndefined();
    expect(replay.json().clientSecret).not.toBe(again.json().clientSecret);
  });

  it('validates allowed origins', async () => {
    const tenant = await t.tenant();
    const res = await call(t.app, 'PATCH', '/tenant', {
      key: tenant.adminKey,
      headers: { 'if-match': '*' },
      body: {
        sessions: { allowedOrigins: ['https://portal.example.edu', 'https://x.example/path', '*', 'null'] },
      },
    });
    expect(res.statusCode).toBe(422);
    expect(problemOf(res)).toMatchObject({
      code: 'tenant.origin_invalid',
      errors: [
        { path: '/body/sessions/allowedOrigins/1' },
        { path: '/body/sessions/allowedOrigins/2' },
        { path: '/body/sessions/allowedOrigins/3' },
      ],
    });
    const ok = await call(t.app, 'PATCH', '/tenant', {
      key: tenant.adminKey,
      headers: { 'if-match': '*' },
      body: { sessions: { allowedOrigins: ['https://portal.example.edu', 'http://localhost:5173'] } },
    });
    expect(ok.json().sessions.allowedOrigins).toEqual([
      'https://portal.example.edu',
      'http://localhost:5173',
    ]);
  });
});

describe.each(drivers)('CORS for browser sessions (%s)', (driver) => {
  const t = useTestApp(driver);
  const PORTAL = 'https://portal.example.edu';
  const EVIL = 'https://evil.example';

  async function setUp() {
    const tenant = await t.tenant();
    const patched = await call(t.app, 'PATCH', '/tenant', {
      key: tenant.adminKey,
      headers: { 'if-match': '*' },
      body: { sessions: { allowedOrigins: [PORTAL] } },
    });
    expect(patched.statusCode).toBe(200);
    await student(t, tenant.adminKey, 'mo');
    const session = await mint(t, tenant.adminKey, { studentExternalId: 'mo' });
    return { tenant, session };
  }

  it('answers a preflight for an allowed origin, without credentials', async () => {
    await setUp();
    const res = await t.app.inject({
      method: 'OPTIONS',
      url: '/tasks',
      headers: {
        origin: PORTAL,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(PORTAL);
    expect(String(res.headers['access-control-allow-headers'])).toContain('Authorization');
    expect(String(res.headers['access-control-allow-methods'])).toContain('PATCH');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();

    const denied = await t.app.inject({
      method: 'OPTIONS',
      url: '/tasks',
      headers: { origin: EVIL, 'access-control-request-method': 'GET' },
    });
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('gives an allowed origin CORS headers, also on a problem it must read', async () => {
    const { tenant, session } = await setUp();
    const ok = await call(t.app, 'GET', '/tasks', { key: session.clientSecret, headers: { origin: PORTAL } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(PORTAL);
    expect(String(ok.headers['access-control-expose-headers'])).toContain('ETag');
    expect(ok.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(ok.headers.vary)).toContain('Origin');

    await call(t.app, 'DELETE', `/sessions/${session.id}`, { key: tenant.adminKey });
    const revoked = await call(t.app, 'GET', '/tasks', {
      key: session.clientSecret,
      headers: { origin: PORTAL },
    });
    expect(problemOf(revoked).code).toBe('session.revoked');
    expect(revoked.headers['access-control-allow-origin']).toBe(PORTAL);
  });

  it('refuses a session from an origin its tenant does not allow (403, no CORS headers)', async () => {
    const { session } = await setUp();
    const res = await call(t.app, 'GET', '/tasks', { key: session.clientSecret, headers: { origin: EVIL } });
    expect(res.statusCode).toBe(403);
    expect(problemOf(res).code).toBe('session.origin_not_allowed');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    // Another tenant's allowed origin does not help either.
    const other = await t.tenant();
    await call(t.app, 'PATCH', '/tenant', {
      key: other.adminKey,
      headers: { 'if-match': '*' },
      body: { sessions: { allowedOrigins: [EVIL] } },
    });
    const still = await call(t.app, 'GET', '/tasks', {
      key: session.clientSecret,
      headers: { origin: EVIL },
    });
    expect(problemOf(still).code).toBe('session.origin_not_allowed');
  });

  it('accepts the API’s own origin and gives API keys no CORS headers', async () => {
    const { tenant, session } = await setUp();
    const same = await call(t.app, 'GET', '/tasks', {
      key: session.clientSecret,
      headers: { origin: 'http://localhost:80', host: 'localhost:80' },
    });
    expect(same.statusCode).toBe(200);
    const withKey = await call(t.app, 'GET', '/tenant', {
      key: tenant.adminKey,
      headers: { origin: PORTAL },
    });
    expect(withKey.statusCode).toBe(200);
    expect(withKey.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe.each(drivers)('session logging (%s)', (driver) => {
  const lines: string[] = [];
  let app: InfoviewApp;
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    ({ database, drop } = await createTestDatabase(driver));
    app = await buildApp(testConfig(), { database, logger: pino(loggerOptions('info'), stream) });
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('logs a session by its id, never its secret', async () => {
    const db = database.db;
    const tenant = await createTenant({ ctx: { db, now: () => new Date() }, input: { name: 'Log U' } });
    const adminKey = generateApiKey(false);
    await insertApiKey(db, new Date(), { tenantId: tenant.id, name: 'a', secret: adminKey, scope: 'admin' });
    const created = await app.inject({
      method: 'POST',
      url: '/students',
      headers: { authorization: `Bearer ${adminKey}` },
      payload: { externalId: 'ned', name: 'Ned', timeZone: 'UTC' },
    });
    expect(created.statusCode).toBe(201);
    const minted = await app.inject({
      method: 'POST',
      url: '/sessions',
      headers: { authorization: `Bearer ${adminKey}` },
      payload: { studentExternalId: 'ned', components: ['tasks'] },
    });
    const session = minted.json();
    const used = await app.inject({
      method: 'GET',
      url: '/tasks',
      headers: { authorization: `Bearer ${session.clientSecret}` },
    });
    expect(used.statusCode).toBe(200);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.some((entry) => entry.sessionId === session.id && entry.tenantId === tenant.id)).toBe(
      true,
    );
    expect(lines.join('\n')).not.toContain(session.clientSecret);
    expect(lines.join('\n')).not.toContain(session.clientSecret.slice(8));
  });
});
