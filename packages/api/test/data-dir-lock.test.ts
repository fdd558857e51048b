import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockDataDir } from '../src/db/data-dir-lock.js';
import { StartupError } from '../src/lib/startup-error.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'iv-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A pid that is certainly not running: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

function writeLock(dir: string, holder: Record<string, unknown>): void {
  writeFileSync(
    path.join(dir, LOCK_FILE),
    JSON.stringify({ role: 'the API server', hostname: hostname(), ...holder }),
  );
}

describe('lockDataDir', () => {
  it('writes its pid, refuses a second holder while held, and frees the directory on release', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir, 'the API server');
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toMatchObject({
      pid: process.pid,
      role: 'the API server',
    });
    expect(() => lockDataDir(dir, 'tenant:create')).toThrow(StartupError);
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    lockDataDir(dir, 'tenant:create').release();
  });

  it("refuses while a live process (this test runner's parent) holds it, naming it in one line", () => {
    const dir = tempDir();
    writeLock(dir, { pid: process.ppid, startTicks: null });
    let message = '';
    try {
      lockDataDir(dir, 'tenant:create');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      `DATA_DIR ${dir} is in use by the API server (pid ${process.ppid}); one process per DATA_DIR — stop it, or set another DATA_DIR`,
    );
    expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toContain(`"pid":${process.ppid}`);
  });

  it('takes over a stale lock: its process is gone (kill -9), its pid was reused, or it is unreadable', () => {
    for (const holder of [
      { pid: deadPid() },
      // The parent is alive, but started at another time: the pid now belongs to someone else.
      { pid: process.ppid, startTicks: 1 },
      // This very pid, not held by this process: a previous life of it (PID 1 in a container).
      { pid: process.pid },
    ]) {
      const dir = tempDir();
      writeLock(dir, holder);
      const lock = lockDataDir(dir, 'the API server');
      expect(JSON.parse(readFileSync(lock.file, 'utf8')).pid).toBe(process.pid);
      lock.release();
    }
    const dir = tempDir();
    writeFileSync(path.join(dir, LOCK_FILE), '');
    lockDataDir(dir, 'the API server').release();
  });

  it('verify throws once the directory is deleted or the lock replaced; release leaves a stranger’s lock', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir, 'the API server');
    lock.verify();
    rmSync(dir, { recursive: true, force: true });
    expect(() => lock.verify()).toThrow('DATA_DIR was removed or replaced under this process');
    mkdirSync(dir);
    writeLock(dir, { pid: process.ppid });
    expect(() => lock.verify()).toThrow();
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(true);
  });

  it('says in one line when DATA_DIR is a file or not writable', () => {
    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, '');
    expect(() => lockDataDir(file, 'the API server')).toThrow(
      new StartupError(`DATA_DIR ${file} is not a directory (a file is in the way)`),
    );
    expect(() => lockDataDir(path.join(file, 'below'), 'the API server')).toThrow(/is not a directory/);
    if (process.platform === 'linux') {
      // /sys refuses new directories even to root, so this holds for any user.
      expect(() => lockDataDir('/sys/infoview-data', 'the API server')).toThrow(
        /^DATA_DIR \/sys\/infoview-data is not writable by this user \((EACCES|EPERM|EROFS)\)$/,
      );
    }
  });
});
