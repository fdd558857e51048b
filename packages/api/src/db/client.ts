import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { StartupError } from '../lib/startup-error.js';
import { lockDataDir } from './data-dir-lock.js';

/**
 * The database as services see it: either driver, or a transaction on either (a drizzle
 * transaction is a `PgDatabase` too, so a service never needs to know which it got).
 */
export type Db = PgDatabase<PgQueryResultHKT>;

export type DatabaseDriver = 'pglite' | 'postgres';

/** An open database and what it takes to check and close it. */
export interface Database {
  db: Db;
  driver: DatabaseDriver;
  /** Where it lives, for the start-up log (no password). */
  location: string;
  /** Queries the database; rejects when it cannot (PGlite: also when DATA_DIR is gone). */
  ping(): Promise<void>;
  /**
   * Synchronous and cheap, for every write: throws when the storage under the process is gone
   * (PGlite's DATA_DIR deleted or replaced, so a write would vanish). Absent: nothing to check.
   */
  assertStorage?(): void;
  close(): Promise<void>;
  /** Runs the committed migrations (see migrate.ts). */
  migrate(migrationsFolder: string): Promise<void>;
  /**
   * Runs `fn` while holding the start-up lock, so several processes starting together on one
   * PostgreSQL migrate and seed one after another (a session advisory lock); PGlite has one process.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * LISTENs on `channel` for as long as the database is open. `onState(true)` each time the
   * listener is (again) subscribed, `onState(false)` whenever its connection is lost (it then
   * resubscribes): notifications sent meanwhile are missed, so the caller must assume the worst.
   * Absent (a stand-in database of a benchmark): nothing is heard from other processes.
   */
  listen?(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
}

export interface ListenHandlers {
  onNotify(payload: string): void;
  onState(listening: boolean): void;
}

/** The advisory lock key of start-up work: any constant unique to Infoview. */
const STARTUP_LOCK = 7_283_004_112;

export interface DatabaseOptions {
  /** A postgres:// URL; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` (or undefined) keeps it in memory. */
  dataDir?: string | undefined;
  /** postgres pool size. */
  maxConnections?: number;
  /** PGlite: who holds DATA_DIR's lock, named in a second process's refusal ("the API server"). */
  role?: string;
}

/**
 * drizzle runs its queries unprepared, and postgres.js then spends two round trips on each
 * query with parameters (Parse/Describe, wait for the parameter types, then Bind/Execute).
 * Named prepared statements cost one round trip after the first use on a connection. This
 * makes every parameterised query of the pool, of its transactions and of their savepoints a
 * prepared one; a query without parameters (DDL, migrations) goes as before.
 */
function preparing<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  // Bound once: drizzle reads `client.unsafe` (and friends) on every query.
  const bound = new Map<string | symbol, unknown>();
  return new Proxy(client, {
    get(target, property, receiver) {
      const hit = bound.get(property);
      if (hit !== undefined) return hit;
      const value = resolve(target, property, receiver);
      if (typeof value === 'function') bound.set(property, value);
      return value;
    },
  });
}

/** What `preparing`'s proxy answers for one property. */
function resolve<T extends postgres.Sql | postgres.TransactionSql>(
  target: T,
  property: string | symbol,
  receiver: unknown,
): unknown {
  if (property === 'unsafe') {
    return (query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) =>
      target.unsafe(
        query,
        params as postgres.ParameterOrJSON<never>[],
        params && params.length > 0 ? { ...options, prepare: true } : options,
      );
  }
  if (property === 'begin') {
    return (...args: unknown[]) => {
      const fn = args.at(-1) as (tx: postgres.TransactionSql) => unknown;
      const begin = (target as postgres.Sql).begin as unknown as (...a: unknown[]) => unknown;
      return begin.call(target, ...args.slice(0, -1), (tx: postgres.TransactionSql) => fn(preparing(tx)));
    };
  }
  if (property === 'savepoint') {
    return (...args: unknown[]) => {
      const fn = args.at(-1) as (tx: postgres.TransactionSql) => unknown;
      const savepoint = (target as postgres.TransactionSql).savepoint as unknown as (
        ...a: unknown[]
      ) => unknown;
      return savepoint.call(target, ...args.slice(0, -1), (tx: postgres.TransactionSql) => fn(preparing(tx)));
    };
  }
  const value = Reflect.get(target, property, receiver);
  return typeof value === 'function' ? value.bind(target) : value;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const client = postgres(options.databaseUrl, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
    });
    const db = drizzlePostgres({ client: preparing(client) });
    const databaseUrl = options.databaseUrl;
    const location = new URL(options.databaseUrl);
    location.password = '';
    return {
      db,
      driver: 'postgres',
      location: location.toString(),
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: () => client.end({ timeout: 5 }),
      migrate: async (migrationsFolder) => {
        const { migrate } = await import('drizzle-orm/postgres-js/migrator');
        await migrate(db, { migrationsFolder });
      },
      exclusive: async (fn) => {
        // The lock belongs to one session, so hold it on a reserved connection while `fn` uses the pool.
        const session = await client.reserve();
        try {
          await session`select pg_advisory_lock(${STARTUP_LOCK})`;
          return await fn();
        } finally {
          await session`select pg_advisory_unlock(${STARTUP_LOCK})`.catch(() => {});
          session.release();
        }
      },
      listen: (channel, handlers) => listenPostgres(databaseUrl, channel, handlers),
    };
  }
  const inMemory = !options.dataDir || options.dataDir.startsWith('memory://');
  if (inMemory) return pgliteDatabase(new PGlite(), 'memory://', null);
  // One process per DATA_DIR, checked before PGlite touches it (see data-dir-lock.ts).
  const lock = lockDataDir(options.dataDir!, options.role ?? 'an Infoview process');
  const dataDir = path.join(options.dataDir!, 'pgdata');
  try {
    mkdirSync(dataDir, { recursive: true });
    return await pgliteDatabase(new PGlite(dataDir), dataDir, lock);
  } catch (error) {
    lock.release();
    if (error instanceof StartupError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartupError(`DATA_DIR ${options.dataDir}: the embedded database cannot be opened (${reason})`);
  }
}

async function pgliteDatabase(
  client: PGlite,
  location: string,
  lock: ReturnType<typeof lockDataDir> | null,
): Promise<Database> {
  await client.waitReady;
  const db = drizzlePglite({ client });
  const assertStorage = () => lock?.verify();
  return {
    db,
    driver: 'pglite',
    location,
    ping: async () => {
      assertStorage();
      await db.execute(sql`select 1`);
    },
    assertStorage,
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
    migrate: async (migrationsFolder) => {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(db, { migrationsFolder });
    },
    exclusive: (fn) => fn(),
    listen: async (channel, { onNotify, onState }) => {
      await client.listen(channel, onNotify);
      onState(true);
      // The subscription ends with the database (PGlite's own unlisten fails once it is closing).
      return async () => {};
    },
  };
}

/**
 * A LISTEN on its own connection, outside the pool (postgres.js's `listen` hides when its
 * connection drops; a cache that trusts notifications must know). Resubscribes every second
 * until it is back.
 */
async function listenPostgres(url: string, channel: string, { onNotify, onState }: ListenHandlers) {
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const lost = () => {
    if (stopped || retry) return;
    onState(false);
    retry = setTimeout(() => {
      retry = undefined;
      void subscribe();
    }, 1000);
  };
  const listener = postgres(url, {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    fetch_types: false,
    onnotice: () => {},
    onclose: lost,
    // Not in postgres.js's option types, but its connections call it for every notification.
    ...({ onnotify: (name: string, payload: string) => name === channel && onNotify(payload) } as object),
  });
  const subscribe = async () => {
    try {
      await listener.unsafe(`LISTEN "${channel.replace(/"/g, '""')}"`);
      if (!stopped) onState(true);
    } catch {
      lost();
    }
  };
  await subscribe();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await listener.end({ timeout: 1 });
  };
}
