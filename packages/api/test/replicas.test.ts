// Two real API processes on one PostgreSQL and one Redis, as a deployment with replicas runs
// them: a rate-limit budget is one budget across both, and a key revoked through one is refused
// by the other at once (not after the key cache's TTL).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireRedisUrl } from './reminders/redis.js';

const packageDir = path.resolve(import.meta.dirname, '..');
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl && process.env.CI)
  throw new Error('CI is set but DATABASE_URL is not: the replica tests cannot be skipped in CI.');
const redisUrl = requireRedisUrl();

const RATE_LIMIT_MAX = 40;
const AUTH_FAILURES_MAX = 10;

interface Replica {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function startReplica(env: NodeJS.ProcessEnv): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: packageDir, env });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`replica exited (${code}):\n${output}`)));
  });
  return { child, url, output: () => output };
}

async function stopReplica(replica: Replica | undefined) {
  if (!replica || replica.child.exitCode !== null) return;
  const exited = new Promise((resolve) => replica.child.once('exit', resolve));
  replica.child.kill('SIGTERM');
  const timer = setTimeout(() => replica.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

describe.skipIf(!databaseUrl || !redisUrl)('two API processes on one PostgreSQL and one Redis', () => {
  const name = `iv_test_${randomBytes(6).toString('hex')}`;
  const adminKey = `iv_live_${randomBytes(24).toString('base64url')}`;
  let admin: postgres.Sql;
  let a: Replica | undefined;
  let b: Replica | undefined;

  beforeAll(async () => {
    admin = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(databaseUrl!);
    url.pathname = `/${name}`;
    const env = {
      ...process.env,
      DATABASE_URL: url.toString(),
      REDIS_URL: redisUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      INFOVIEW_ADMIN_API_KEY: adminKey,
      INFOVIEW_TENANT_MODE: 'live',
      INFOVIEW_PORTAL: 'false',
      REMINDER_QUEUE: `iv-replicas-${randomBytes(4).toString('hex')}`,
      RATE_LIMIT_REDIS_PREFIX: `iv-test:${randomBytes(4).toString('hex')}`,
      RATE_LIMIT_MAX: String(RATE_LIMIT_MAX),
      RATE_LIMIT_AUTH_FAILURES_MAX: String(AUTH_FAILURES_MAX),
      // Long: nothing below may see a window close and its budget come back.
      RATE_LIMIT_WINDOW_MS: '3600000',
    };
    // One after the other: both migrate and seed under the start-up lock anyway.
    a = await startReplica(env);
    b = await startReplica(env);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([stopReplica(a), stopReplica(b)]);
    await admin?.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.end();
  }, 60_000);

  // Every 401 counts against this address's failure budget, whichever test and replica it was.
  let failures = 0;
  const send = async (
    replica: Replica | undefined,
    method: string,
    url: string,
    key: string,
    body?: unknown,
  ) => {
    const res = await fetch(`${replica!.url}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status === 401) failures++;
    return res;
  };

  async function mintKey(replica: Replica | undefined, key: string, body: Record<string, unknown>) {
    const res = await send(replica, 'POST', '/api-keys', key, { name: 'replica test', ...body });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; secret: string };
  }

  it('a budget spent on replica A is spent on replica B', async () => {
    const key = await mintKey(a, adminKey, { scope: 'admin' });
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT_MAX / 2; i++)
      statuses.push((await send(a, 'GET', '/tenant', key.secret)).status);
    for (let i = 0; i < RATE_LIMIT_MAX / 2; i++)
      statuses.push((await send(b, 'GET', '/tenant', key.secret)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const onB = await send(b, 'GET', '/tenant', key.secret);
    expect(onB.status).toBe(429);
    expect(onB.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(onB.headers.get('ratelimit')).toMatch(/^"key";r=0;t=\d+$/);
    expect((await send(a, 'GET', '/tenant', key.secret)).status).toBe(429);
  });

  it('a key revoked on A is refused on B at once, and a revoked admin key cannot mint a key on B', async () => {
    const doomed = await mintKey(a, adminKey, { scope: 'admin' });
    // Twice: the first use stamps last-used, the second is served from B's key cache.
    expect((await send(b, 'GET', '/tenant', doomed.secret)).status).toBe(200);
    expect((await send(b, 'GET', '/tenant', doomed.secret)).status).toBe(200);
    expect((await send(a, 'DELETE', `/api-keys/${doomed.id}`, adminKey)).status).toBe(204);
    // A write never trusts the cache; a read trusts it only until the announcement arrives.
    const minted = await send(b, 'POST', '/api-keys', doomed.secret, { name: 'escape', scope: 'admin' });
    expect(minted.status).toBe(401);
    expect((await send(b, 'GET', '/tenant', doomed.secret)).status).toBe(401);
  });

  it('a browser session revoked on A is refused on B at once', async () => {
    const student = await send(a, 'POST', '/students', adminKey, {
      externalId: `replica-${randomBytes(3).toString('hex')}`,
      name: 'Replica Student',
      timeZone: 'UTC',
    });
    expect(student.status).toBe(201);
    const { id: studentId } = (await student.json()) as { id: string };
    const minted = await send(a, 'POST', '/sessions', adminKey, { studentId, components: ['tasks'] });
    expect(minted.status).toBe(201);
    const session = (await minted.json()) as { id: string; clientSecret: string };
    expect((await send(b, 'GET', '/sessions/current', session.clientSecret)).status).toBe(200);
    expect((await send(a, 'DELETE', `/sessions/${session.id}`, adminKey)).status).toBe(204);
    expect((await send(b, 'GET', '/sessions/current', session.clientSecret)).status).toBe(401);
  });

  it("the operator's admin key, revoked on A, can no longer mint a key on B", async () => {
    const other = await mintKey(a, adminKey, { scope: 'admin' });
    const listed = await send(a, 'GET', '/api-keys?limit=100', other.secret);
    const keys = ((await listed.json()) as { data: { id: string; prefix: string }[] }).data;
    const operators = keys.find((k) => adminKey.startsWith(k.prefix) && k.id !== other.id);
    expect(operators).toBeDefined();
    // Cached on B first.
    expect((await send(b, 'GET', '/tenant', adminKey)).status).toBe(200);
    expect((await send(b, 'GET', '/tenant', adminKey)).status).toBe(200);
    expect((await send(a, 'DELETE', `/api-keys/${operators!.id}`, other.secret)).status).toBe(204);
    const minted = await send(b, 'POST', '/api-keys', adminKey, { name: 'escape', scope: 'admin' });
    expect(minted.status).toBe(401);
  });

  // Last: it leaves this address limited for the rest of the window.
  it('failed authentications from one address are limited across both replicas', async () => {
    const junk = () => `iv_live_${randomBytes(30).toString('base64url')}`;
    const before = failures;
    expect(before).toBeLessThan(AUTH_FAILURES_MAX);
    let sent = 0;
    let status = 401;
    while (status === 401 && sent < 3 * AUTH_FAILURES_MAX) {
      status = (await send(sent % 2 === 0 ? a : b, 'GET', '/tenant', junk())).status;
      sent++;
    }
    // The budget was spent on both replicas together, to the request.
    expect(status).toBe(429);
    expect(failures).toBe(AUTH_FAILURES_MAX);
    expect(sent - 1).toBe(AUTH_FAILURES_MAX - before);
    expect((await send(a, 'GET', '/tenant', junk())).status).toBe(429);
    expect((await send(b, 'GET', '/tenant', junk())).status).toBe(429);
  });
});
