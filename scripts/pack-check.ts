/**
 * `pnpm pack:check` (part of `pnpm check`): @infoview/core and @infoview/sdk as an outsider gets
 * them. For each package it
 *
 *   1. packs it with `pnpm pack` (whose `prepack` must rebuild dist/ from clean: a stale file
 *      planted in dist/ first must not reach the tarball),
 *   2. runs publint --strict and attw (ESM-only profile) on the tarball,
 *   3. installs the tarball with npm into a throwaway project in the OS temp directory, outside
 *      the workspace (npm's cache first: `--prefer-offline`),
 *   4. runs the package's `consumer/consumer.mjs` there with plain Node — the SDK's against an
 *      API server this script starts on embedded defaults and a free loopback port — and
 *      type-checks `consumer/consumer.ts` with `strict` and `skipLibCheck: false`.
 *
 * It prints what each step took and exits non-zero, naming the step, on the first failure.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'packages/sdk/node_modules/.bin');
const STALE = 'stale-from-an-earlier-build.js';
// A guard against a hang, not a speed goal: on a busy machine PGlite's first start is slow.
const START_TIMEOUT_MS = 600_000;

interface Target {
  name: '@infoview/core' | '@infoview/sdk';
  dir: string;
  /** Packages the consumer installs beside the tarball (exact versions). */
  alongside: Record<string, string>;
}

const TARGETS: Target[] = [
  { name: '@infoview/core', dir: 'packages/core', alongside: { 'dictionary-en': '4.0.0' } },
  { name: '@infoview/sdk', dir: 'packages/sdk', alongside: {} },
];

class StepFailed extends Error {}

/** Runs a command; resolves with its output, rejects with it (and the step's name) on failure. */
function run(
  step: string,
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', (error) => reject(new StepFailed(`${step}: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new StepFailed(`${step} failed (exit ${code}):\n${output.trim()}`));
    });
  });
}

const timings: [string, number][] = [];

async function timed<T>(step: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  timings.push([step, performance.now() - started]);
  return result;
}

/** The API on embedded defaults (PGlite in `dataDir`, in-process reminders) on a free port. */
function startServer(dataDir: string): {
  child: ChildProcess;
  ready: Promise<{ baseUrl: string; adminKey: string }>;
} {
  const apiDir = path.join(ROOT, 'packages/api');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    DATABASE_URL: '',
    REDIS_URL: '',
    INFOVIEW_ADMIN_API_KEY: '',
  };
  // `node --import tsx`: one process, so the SIGTERM at the end reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: apiDir, env });
  let output = '';
  const ready = new Promise<{ baseUrl: string; adminKey: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new StepFailed(`the API did not start in ${START_TIMEOUT_MS / 1000} s:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /docs at (http:\/\/127\.0\.0\.1:\d+)\/docs/.exec(output)?.[1];
      const adminKey = /Admin API key \(shown once, stored hashed\): (\S+)/.exec(output)?.[1];
      if (url && adminKey) {
        clearTimeout(timer);
        resolve({ baseUrl: url, adminKey });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new StepFailed(`the API exited (${code}) before it was ready:\n${output}`));
    });
  });
  return { child, ready };
}

/** The environment without what pnpm adds for its scripts (npm would read npm_config_*). */
function outsideEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

/** Packs one package into `into`; returns the tarball's path after checking prepack rebuilt dist/. */
async function pack(target: Target, into: string): Promise<string> {
  const dir = path.join(ROOT, target.dir);
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  writeFileSync(path.join(dir, 'dist', STALE), 'export {};\n');
  await run(`pnpm pack ${target.name}`, 'pnpm', ['pack', '--pack-destination', into], { cwd: dir });
  const tarball = readdirSync(into).find((f) => f.endsWith('.tgz') && f.startsWith(packFileStem(target)));
  if (!tarball) throw new StepFailed(`pnpm pack ${target.name} wrote no tarball to ${into}`);
  const file = path.join(into, tarball);
  const listing = await run(`list ${tarball}`, 'tar', ['-tzf', file], { cwd: into });
  if (listing.includes(STALE)) {
    throw new StepFailed(
      `${target.name}: the tarball kept ${STALE}: prepack must clean dist/ before building`,
    );
  }
  if (!listing.includes('package/dist/index.js') || !listing.includes('package/dist/index.d.ts')) {
    throw new StepFailed(`${target.name}: the tarball has no dist/index.js and dist/index.d.ts`);
  }
  return file;
}

function packFileStem(target: Target): string {
  return `${target.name.replace('@', '').replace('/', '-')}-`;
}

async function lintTarball(target: Target, tarball: string): Promise<void> {
  await Promise.all([
    run(`publint ${target.name}`, path.join(BIN, 'publint'), ['run', tarball, '--strict'], { cwd: ROOT }),
    run(
      `attw ${target.name}`,
      path.join(BIN, 'attw'),
      [tarball, '--profile', 'esm-only', '--format', 'ascii'],
      {
        cwd: ROOT,
      },
    ),
  ]);
}

/** A project of its own in the temp directory, with the tarball installed the way npm users do. */
async function installInto(target: Target, tarball: string, project: string): Promise<void> {
  mkdirSync(project, { recursive: true });
  writeFileSync(
    path.join(project, 'package.json'),
    `${JSON.stringify(
      {
        name: 'infoview-outsider',
        private: true,
        type: 'module',
        dependencies: { [target.name]: `file:${tarball}`, ...target.alongside },
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(
    path.join(project, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023', 'DOM'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          noEmit: true,
          types: [],
        },
        include: ['consumer.ts'],
      },
      null,
      2,
    )}\n`,
  );
  for (const file of ['consumer.mjs', 'consumer.ts']) {
    copyFileSync(path.join(ROOT, target.dir, 'consumer', file), path.join(project, file));
  }
  await run(
    `npm install ${path.basename(tarball)}`,
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'],
    // Outside the workspace, and without pnpm's settings leaking into npm.
    { cwd: project, env: outsideEnv() },
  );
}

async function consume(target: Target, project: string, env: NodeJS.ProcessEnv): Promise<string> {
  const [output] = await Promise.all([
    run(`node consumer.mjs (${target.name})`, process.execPath, ['consumer.mjs'], { cwd: project, env }),
    run(`tsc strict (${target.name})`, path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], {
      cwd: project,
    }),
  ]);
  return output.trim();
}

async function checkOne(
  target: Target,
  temp: string,
  server: Promise<{ baseUrl: string; adminKey: string }>,
): Promise<string> {
  const tarballs = path.join(temp, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  const tarball = await timed(`${target.name}: pnpm pack (prepack builds)`, () => pack(target, tarballs));
  const project = path.join(temp, `outsider-${path.basename(target.dir)}`);
  await timed(`${target.name}: publint, attw, npm install`, () =>
    Promise.all([lintTarball(target, tarball), installInto(target, tarball, project)]),
  );
  let env = outsideEnv();
  if (target.name === '@infoview/sdk') {
    const { baseUrl, adminKey } = await server;
    env = { ...env, INFOVIEW_URL: baseUrl, INFOVIEW_API_KEY: adminKey };
  }
  return timed(`${target.name}: node consumer.mjs, tsc --strict`, () => consume(target, project, env));
}

const started = performance.now();
const temp = mkdtempSync(path.join(tmpdir(), 'infoview-pack-check-'));
const server = startServer(path.join(temp, 'data'));
// The server's failure surfaces when the SDK step awaits it; until then, keep it from being unhandled.
server.ready.catch(() => {});
let failed = false;
try {
  // One package after the other: each pack runs tsc, and the machine's cores are shared.
  for (const target of TARGETS) console.log(await checkOne(target, temp, server.ready));
} catch (error) {
  failed = true;
  console.error(error instanceof StepFailed ? `pack:check: ${error.message}` : error);
} finally {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
  }
  rmSync(temp, { recursive: true, force: true });
}
for (const [step, ms] of timings) console.log(`  ${(ms / 1000).toFixed(1).padStart(5)} s  ${step}`);
console.log(
  `pack:check ${failed ? 'FAILED' : 'passed'} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
process.exitCode = failed ? 1 : 0;
