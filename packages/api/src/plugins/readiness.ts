import fp from 'fastify-plugin';
import { ServiceError } from '../errors.js';

/** A dependency the service needs to serve traffic; throws (or rejects) when it is not reachable. */
export type ReadinessCheck = () => Promise<void>;

export interface Readiness {
  /** Adds a check (the reminder driver registers its own). */
  add(name: string, check: ReadinessCheck): void;
  /** Runs every check, each bounded by a timeout. */
  run(): Promise<{ ok: boolean; checks: Record<string, 'ok' | string> }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    readiness: Readiness;
  }
}

export interface ReadinessOptions {
  checks?: Record<string, ReadinessCheck>;
  timeoutMs?: number;
}

export default fp<ReadinessOptions>(
  async (app, options) => {
    const checks = new Map<string, ReadinessCheck>([['database', () => app.database.ping()]]);
    for (const [name, check] of Object.entries(options.checks ?? {})) checks.set(name, check);
    const timeoutMs = options.timeoutMs ?? 2000;

    const runOne = async (check: ReadinessCheck): Promise<'ok' | string> => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return 'ok';
      } catch (error) {
        return error instanceof Error ? error.message : 'failed';
      } finally {
        clearTimeout(timer);
      }
    };

    // PGlite whose DATA_DIR was deleted under the process would acknowledge a write and lose it:
    // such a write is a 503 (and /readyz fails through the database check's ping).
    app.addHook('onRequest', async (request) => {
      if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
      try {
        app.database.assertStorage?.();
      } catch (error) {
        throw new ServiceError('service.unavailable', (error as Error).message, { cause: error });
      }
    });

    app.decorate('readiness', {
      add: (name, check) => {
        checks.set(name, check);
      },
      run: async () => {
        const entries = await Promise.all(
          [...checks].map(async ([name, check]) => [name, await runOne(check)] as const),
        );
        return { ok: entries.every(([, r]) => r === 'ok'), checks: Object.fromEntries(entries) };
      },
    } satisfies Readiness);
  },
  { name: 'readiness', fastify: '5.x', dependencies: ['database'] },
);
