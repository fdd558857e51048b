// The API process as an operator starts it: safe defaults, one process per DATA_DIR, and one-line
// messages for what the operator must fix. Each case spawns the real server (or CLI) process.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = path.resolve(import.meta.dirname, '..');
// `node --import tsx`, as the image runs it: one process, so its pid is the lock's and a
// SIGKILL reaches the server itself (the tsx CLI would run it in a child).
const node = (script: string, args: string[] = []) =>
  [process.execPath, ['--import', 'tsx', script, ...args]] as const;
// Generous: these spawn real processes on a machine that may be busy.
const PROCESS_TIMEOUT = 180_000;

type Env = Record<string, string>;

/** The environment of a fresh clone: no services, nothing set but what the case sets. */
function envWith(more: Env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'info' };
  for (const name of [
    'DATABASE_URL',
    'REDIS_URL',
    'HOST',
    'INFOVIEW_ADMIN_API_KEY',
    'INFOVIEW_TENANT_MODE',
  ]) {
    delete env[name];
  }
  return { ...env, ...more };
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script of the package to its end (the process is expected to refuse and exit). */
function runToEnd(script: string, env: Env, args: string[] = []): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(...node(script, args), { cwd: packageDir, env: envWith(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not exit:\n${stdout}${stderr}`));
    }, PROCESS_TIMEOUT - 10_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

interface Running {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the server and resolves once it logs that it is ready. */
async function startServer(env: Env): Promise<Running> {
  const child = spawn(...node('src/server.ts'), { cwd: packageDir, env: envWith(env) });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${output}`)),
      PROCESS_TIMEOUT - 10_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /docs at (http:\/\/[^/\s]+)\/docs/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${output}`));
    });
  });
  return { child, baseUrl, output: () => output, exited };
}

async function stop(server: Running | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (!server) return null;
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  return server.exited;
}

/** What an operator sees: exactly one line on stderr, no stack trace, nothing else. */
function expectOneLine(result: Finished, pattern: RegExp): void {
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

const dirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('a running server on its DATA_DIR', () => {
  let dataDir: string;
  let server: Running;
  let adminKey: string;

  beforeAll(async () => {
    dataDir = tempDir('iv-start-');
    // HOST unset: the default must be loopback. A live first tenant, as the compose file asks.
    server = await startServer({
      DATA_DIR: dataDir,
      INFOVIEW_TENANT_MODE: 'live',
      INFOVIEW_TENANT_NAME: 'Example University',
    });
    adminKey = /Admin API key \(shown once, stored hashed\): (\S+)/.exec(server.output())![1]!;
  }, PROCESS_TIMEOUT);
  afterAll(async () => {
    await stop(server, 'SIGKILL');
  });

  it('listens on 127.0.0.1 when HOST is not set', () => {
    expect(server.output()).toMatch(/"msg":"Server listening at http:\/\/127\.0\.0\.1:\d+"/);
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('creates a live first tenant on request (INFOVIEW_TENANT_MODE=live): no test clock can move its time', async () => {
    expect(adminKey).toMatch(/^iv_live_/);
    expect(server.output()).toContain('Tenant "Example University" created (live).');
    const headers = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
    const tenant = await fetch(`${server.baseUrl}/tenant`, { headers });
    expect(await tenant.json()).toMatchObject({ name: 'Example University', sandbox: false });
    const clock = await fetch(`${server.baseUrl}/test-clock`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ at: '2030-01-01T00:00:00Z' }),
    });
    expect(clock.status).toBe(409);
    expect(await clock.json()).toMatchObject({ code: 'test_clock.not_sandbox' });
  });

  it(
    'a second server and tenant:create on the same DATA_DIR refuse in one line; the first keeps its data',
    async () => {
      const second = await runToEnd('src/server.ts', { DATA_DIR: dataDir });
      expect(second.code).toBe(1);
      expectOneLine(
        second,
        new RegExp(
          `^Infoview cannot start: DATA_DIR ${dataDir} is in use by the API server \\(pid ${server.child.pid}\\); one process per DATA_DIR — stop it, or set another DATA_DIR$`,
        ),
      );
      const cli = await runToEnd('src/tenant-cli.ts', { DATA_DIR: dataDir }, ['--name', 'Lost University']);
      expect(cli.code).toBe(1);
      expectOneLine(cli, /^tenant:create: DATA_DIR .* is in use by the API server \(pid \d+\)/);
      expect(cli.stdout).not.toContain('created');
      expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    },
    PROCESS_TIMEOUT,
  );

  // Last of this group: it takes the DATA_DIR away.
  it('a DATA_DIR deleted under it fails /readyz and refuses writes (503), rather than losing them', async () => {
    const headers = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
    const student = { externalId: 's-1', name: 'Ada Lovelace', timeZone: 'UTC' };
    rmSync(dataDir, { recursive: true, force: true });
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      code: 'service.unavailable',
      checks: { database: 'DATA_DIR was removed or replaced under this process' },
    });
    const write = await fetch(`${server.baseUrl}/students`, {
      method: 'POST',
      headers,
      body: JSON.stringify(student),
    });
    expect(write.status).toBe(503);
    expect(await write.json()).toMatchObject({ code: 'service.unavailable' });
  });
});

describe('starting up', () => {
  it(
    'takes over the lock of a server killed with -9',
    async () => {
      const dataDir = tempDir('iv-kill9-');
      const first = await startServer({ DATA_DIR: dataDir, HOST: '127.0.0.1' });
      await stop(first, 'SIGKILL');
      expect(existsSync(path.join(dataDir, 'infoview.lock'))).toBe(true);
      const second = await startServer({ DATA_DIR: dataDir, HOST: '127.0.0.1' });
      try {
        expect((await fetch(`${second.baseUrl}/readyz`)).status).toBe(200);
      } finally {
        expect(await stop(second)).toBe(0);
      }
      // A graceful stop leaves the DATA_DIR free.
      expect(existsSync(path.join(dataDir, 'infoview.lock'))).toBe(false);
    },
    PROCESS_TIMEOUT,
  );

  it(
    'a port in use says so in one line, before DATA_DIR is opened or migrated',
    async () => {
      const busy: Server = createServer();
      await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
      const port = (busy.address() as { port: number }).port;
      const dataDir = path.join(tempDir('iv-port-'), 'data');
      try {
        const result = await runToEnd('src/server.ts', {
          DATA_DIR: dataDir,
          HOST: '127.0.0.1',
          PORT: String(port),
        });
        expect(result.code).toBe(1);
        expectOneLine(
          result,
          new RegExp(
            `^Infoview cannot start: port ${port} on 127\\.0\\.0\\.1 is in use — stop what holds it, or set PORT`,
          ),
        );
        expect(existsSync(dataDir)).toBe(false);
      } finally {
        await new Promise((resolve) => busy.close(resolve));
      }
    },
    PROCESS_TIMEOUT,
  );

  it(
    'a DATA_DIR that is a file, or not writable, is one line',
    async () => {
      const file = path.join(tempDir('iv-file-'), 'not-a-dir');
      writeFileSync(file, '');
      const onFile = await runToEnd('src/server.ts', { DATA_DIR: file });
      expect(onFile.code).toBe(1);
      expectOneLine(
        onFile,
        /^Infoview cannot start: DATA_DIR .*not-a-dir is not a directory \(a file is in the way\)$/,
      );
      const cli = await runToEnd('src/tenant-cli.ts', { DATA_DIR: file }, ['--name', 'X']);
      expectOneLine(cli, /^tenant:create: DATA_DIR .* is not a directory/);
      if (process.platform === 'linux') {
        // /sys refuses new directories even to root.
        const unwritable = await runToEnd('src/server.ts', { DATA_DIR: '/sys/infoview-data' });
        expect(unwritable.code).toBe(1);
        expectOneLine(
          unwritable,
          /^Infoview cannot start: DATA_DIR \/sys\/infoview-data is not writable by this user/,
        );
      }
    },
    PROCESS_TIMEOUT,
  );

  it(
    'refuses the placeholder admin key and database password of docker/example.env',
    async () => {
      const exampleEnv = readFileSync(path.resolve(packageDir, '../../docker/example.env'), 'utf8');
      const value = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(exampleEnv)![1]!;
      const key = await runToEnd('src/server.ts', {
        INFOVIEW_ADMIN_API_KEY: value('INFOVIEW_ADMIN_API_KEY'),
      });
      expect(key.code).toBe(2);
      expectOneLine(
        key,
        /^Infoview cannot start: invalid configuration — INFOVIEW_ADMIN_API_KEY: is a placeholder/,
      );
      const password = await runToEnd('src/server.ts', {
        DATABASE_URL: `postgres://infoview:${value('POSTGRES_PASSWORD')}@127.0.0.1:1/infoview`,
      });
      expect(password.code).toBe(2);
      expectOneLine(
        password,
        /^Infoview cannot start: invalid configuration — DATABASE_URL: its password is a placeholder/,
      );
    },
    PROCESS_TIMEOUT,
  );
});
