import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { freePort } from './redis.js';

/** The newest PostgreSQL server binaries installed (CI exports INFOVIEW_PG_BIN, as .ci/run finds them). */
export function postgresBinaries(): string | undefined {
  if (process.env.INFOVIEW_PG_BIN) return process.env.INFOVIEW_PG_BIN;
  try {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(a) - Number(b));
    const newest = versions.at(-1);
    return newest ? `/usr/lib/postgresql/${newest}/bin` : undefined;
  } catch {
    return undefined;
  }
}

/** Whether this process can run a throwaway cluster (root, through `runuser -u postgres`, as CI is). */
export function canRunPostgres(bin: string | undefined): bin is string {
  if (!bin || process.getuid?.() !== 0) return false;
  return spawnSync('id', ['-u', 'postgres'], { stdio: 'ignore' }).status === 0;
}

/**
 * A PostgreSQL cluster of our own (initdb in a temp dir, loopback, a free port), so a test may
 * kill -9 the whole server — the postmaster and every backend, as an OOM kill or a power cut to
 * the process tree does — and start it again: crash recovery then replays the WAL. `fsync=off`
 * keeps it fast and is harmless here: a killed process loses nothing the kernel already holds.
 * Never the shared cluster: nothing here touches another port.
 */
export class PostgresProcess {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  /** The `postgres` database's URL; `urlFor` names another. */
  get url(): string {
    return this.urlFor('postgres');
  }

  urlFor(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  static async start(bin: string): Promise<PostgresProcess> {
    const dir = mkdtempSync(path.join(tmpdir(), 'iv-chaos-pg-'));
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
    const pg = new PostgresProcess(bin, dir, await freePort());
    pg.asPostgres('initdb', ['-D', pg.dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync']);
    await pg.restart();
    return pg;
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  private asPostgres(tool: string, args: string[]): void {
    execFileSync('runuser', ['-u', 'postgres', '--', path.join(this.bin, tool), ...args], {
      stdio: 'ignore',
    });
  }

  /** Starts the server (after a kill -9: crash recovery) and waits until it answers. */
  async restart(): Promise<void> {
    const options = `-c listen_addresses=127.0.0.1 -p ${this.port} -k ${this.dir} -c fsync=off -c max_connections=200`;
    this.asPostgres('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      path.join(this.dir, 'log'),
      '-w',
      '-o',
      options,
      'start',
    ]);
    const probe = postgres(this.url, { max: 1, onnotice: () => {}, connect_timeout: 2 });
    try {
      for (let i = 0; ; i++) {
        try {
          await probe`select 1`;
          return;
        } catch (error) {
          if (i > 100) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      await probe.end({ timeout: 1 });
    }
  }

  /** The postmaster and every process it started, by pid (ours alone: this cluster's tree). */
  private processTree(): number[] {
    let postmaster: number;
    try {
      postmaster = Number(readFileSync(path.join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return [];
    }
    const children: number[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // The field after the parenthesised command name: state, then the parent's pid.
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === postmaster) children.push(Number(entry));
      } catch {}
    }
    return [postmaster, ...children];
  }

  /** kill -9 of the whole server: no shutdown checkpoint, every connection cut at once. */
  async kill9(): Promise<void> {
    const pids = this.processTree();
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
    for (let i = 0; i < 200 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 25));
  }

  async stop(): Promise<void> {
    try {
      this.asPostgres('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
    } catch {
      await this.kill9();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
