import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const packageDir = path.resolve(import.meta.dirname, '..');

describe('pnpm start (src/server.ts)', () => {
  it('starts on embedded defaults, prints the admin key once and where the docs are, and shuts down gracefully', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'iv-server-'));
    const env = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
    };
    // `node --import tsx` (as the image runs it): one process, so a SIGKILL reaches the server.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: packageDir,
      env,
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const docsUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 100_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /docs at (http:\/\/127\.0\.0\.1:\d+)\/docs/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
      });
      const adminKey = /Admin API key \(shown once, stored hashed\): (\S+)/.exec(output)?.[1];
      expect(adminKey).toMatch(/^iv_test_/);
      expect((await fetch(`${docsUrl}/healthz`)).status).toBe(200);
      const tenant = await fetch(`${docsUrl}/tenant`, { headers: { authorization: `Bearer ${adminKey}` } });
      expect(await tenant.json()).toMatchObject({ name: 'Demo University', sandbox: true });
      // The key appears once: in the banner, never in a log line.
      expect(output.split(adminKey!).length - 1).toBe(1);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
