import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

const redisUrl = process.env.REDIS_URL;

/** Like test/helper.ts: locally a suite needing Redis may skip, loudly; in CI it must run. */
export function requireRedisUrl(): string | undefined {
  if (redisUrl) return redisUrl;
  if (process.env.CI)
    throw new Error('CI is set but REDIS_URL is not: the BullMQ tests cannot be skipped in CI.');
  console.warn(
    `\n${'!'.repeat(78)}\n!!  REDIS_URL is not set: the BullMQ reminder tests are SKIPPED.\n!!  Start redis-server and set REDIS_URL=redis://127.0.0.1:<port> (CI does).\n${'!'.repeat(78)}\n`,
  );
  return undefined;
}

export function redisServerBinary(): string | undefined {
  const candidates = [process.env.REDIS_SERVER_BIN, 'redis-server', '/usr/bin/redis-server'].filter(
    Boolean,
  ) as string[];
  for (const bin of candidates) {
    try {
      execFileSync(bin, ['--version'], { stdio: 'ignore' });
      return bin;
    } catch {}
  }
  return undefined;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** A redis-server of our own, so a test may kill -9 it and start it again on the same port. */
export class RedisProcess {
  private child: ChildProcess | undefined;
  private constructor(
    private readonly bin: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(bin: string): Promise<RedisProcess> {
    const redis = new RedisProcess(bin, await freePort());
    await redis.restart();
    return redis;
  }

  async restart(): Promise<void> {
    this.child = spawn(
      this.bin,
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    const probe = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => {});
    for (let i = 0; i < 100; i++) {
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    probe.disconnect();
    throw new Error(`redis-server did not start on ${this.port}`);
  }

  /** kill -9: no shutdown, no save — everything in memory is gone. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill9();
  }
}
