import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { StartupError } from '../lib/startup-error.js';

/**
 * One process per DATA_DIR. PGlite is an embedded database: two processes on one directory do
 * not see each other's writes, and one of them silently loses its own. The lock is a file,
 * `DATA_DIR/infoview.lock`, holding the owner's pid; a lock whose process is gone (killed with
 * -9, a crashed container) is stale and taken over.
 */
export interface DataDirLock {
  readonly file: string;
  /** Throws when the lock file is no longer this process's (DATA_DIR deleted or replaced). */
  verify(): void;
  /** Removes the lock file if it is still this process's. Idempotent. */
  release(): void;
}

export const LOCK_FILE = 'infoview.lock';

interface Holder {
  pid: number;
  /** What holds it, for the refusal message: "the API server", "tenant:create", … */
  role: string;
  hostname: string;
  /** Linux: the process's start time in clock ticks since boot, which tells a reused pid apart. */
  startTicks: number | null;
}

/** Lock files this process holds: opening the same DATA_DIR twice in one process is refused too. */
const held = new Set<string>();

/** /proc/<pid>/stat's 22nd field; null where there is no /proc. */
function startTicksOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count after its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

function isAlive(holder: Holder): boolean {
  // This pid, not held by this process: a previous life of it (PID 1 in a restarted container).
  if (holder.pid === process.pid) return false;
  if (holder.hostname !== hostname()) return true; // another machine's process: not checkable here
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // Alive: the same process, unless the pid was reused since (its start time differs).
  const ticks = startTicksOf(holder.pid);
  return holder.startTicks === null || ticks === null || ticks === holder.startTicks;
}

function readHolder(file: string): Holder | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 0) return null;
    return {
      pid: parsed.pid,
      role: typeof parsed.role === 'string' ? parsed.role : 'an Infoview process',
      hostname: typeof parsed.hostname === 'string' ? parsed.hostname : hostname(),
      startTicks: typeof parsed.startTicks === 'number' ? parsed.startTicks : null,
    };
  } catch {
    return null; // gone, unreadable or not JSON: stale (the lock is written whole, so not mid-write)
  }
}

/** Turns a file-system failure on DATA_DIR into the one line an operator needs. */
function unusable(dataDir: string, error: unknown): StartupError {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return new StartupError(`DATA_DIR ${dataDir} is not a directory (a file is in the way)`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new StartupError(`DATA_DIR ${dataDir} is not writable by this user (${code})`);
    case 'ENOSPC':
      return new StartupError(`DATA_DIR ${dataDir}: no space left on the device`);
    default:
      return new StartupError(`DATA_DIR ${dataDir} cannot be used: ${(error as Error).message}`);
  }
}

/** Creates `file` with `content` only if it does not exist; the content is complete once it exists. */
function createExclusive(file: string, content: string): boolean {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o644);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: create it exclusively and write it (a crash in between
    // leaves an empty lock, which the next start treats as stale).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') return createDirectly(file, content);
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

function createDirectly(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes DATA_DIR for this process, creating the directory if needed. Throws a one-line
 * {@link StartupError} when another live process holds it or the directory is unusable.
 */
export function lockDataDir(dataDir: string, role: string): DataDirLock {
  try {
    mkdirSync(dataDir, { recursive: true });
    if (!statSync(dataDir).isDirectory())
      throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (error) {
    throw unusable(dataDir, error);
  }
  const file = path.join(dataDir, LOCK_FILE);
  if (held.has(file)) throw new StartupError(`DATA_DIR ${dataDir} is already open in this process`);
  const content = `${JSON.stringify({ pid: process.pid, role, hostname: hostname(), startTicks: startTicksOf(process.pid) } satisfies Holder)}\n`;
  for (let attempt = 0; ; attempt++) {
    let created: boolean;
    try {
      created = createExclusive(file, content);
    } catch (error) {
      throw unusable(dataDir, error);
    }
    if (created) break;
    const holder = readHolder(file);
    if (holder && isAlive(holder)) {
      const where =
        holder.hostname === hostname() ? '' : ` on ${holder.hostname}; if it is gone, delete ${file}`;
      throw new StartupError(
        `DATA_DIR ${dataDir} is in use by ${holder.role} (pid ${holder.pid}${where}); one process per DATA_DIR — stop it, or set another DATA_DIR`,
      );
    }
    // Stale: its process is gone. Remove it only if it is still the one judged stale (another
    // starter may have taken it over meanwhile), then try again.
    if (attempt >= 2)
      throw new StartupError(`DATA_DIR ${dataDir}: could not take over the stale ${LOCK_FILE}`);
    if (holder && readHolder(file)?.pid !== holder.pid) continue;
    try {
      unlinkSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unusable(dataDir, error);
    }
  }
  held.add(file);
  // The file's identity: a file recreated at the same path may get the same inode number back,
  // but not the same change time (nanoseconds).
  const identity = (): string => {
    const stat = statSync(file, { bigint: true });
    return `${stat.dev}:${stat.ino}:${stat.ctimeNs}`;
  };
  const mine = identity();
  const ours = (): boolean => {
    try {
      return identity() === mine;
    } catch {
      return false;
    }
  };
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    held.delete(file);
    process.off('exit', release);
    try {
      if (ours()) unlinkSync(file);
    } catch {
      // Gone already, or DATA_DIR made read-only meanwhile: nothing this process can still do.
    }
  };
  // A process that exits without closing the database (process.exit) still frees its DATA_DIR.
  process.on('exit', release);
  return {
    file,
    verify: () => {
      if (!ours()) throw new Error('DATA_DIR was removed or replaced under this process');
    },
    release,
  };
}
