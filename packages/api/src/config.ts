import path from 'node:path';
import { parseSecretKeys, type SecretKey } from './crypto/secret-keyring.js';
import { parseAllowEntry } from './net/address-policy.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything the service reads from its environment, resolved and validated once at start. */
export interface Config {
  port: number;
  host: string;
  logLevel: LogLevel;
  /** Where the embedded PGlite database lives when `databaseUrl` is not set. */
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL connections per process; unset: 10 for the API, 20 for the worker. */
  databasePoolSize: number | undefined;
  /** When set, reminders use the BullMQ driver; otherwise the in-process driver. */
  redisUrl: string | undefined;
  /** When set, this key is the first tenant's admin key (stored hashed). */
  adminApiKey: string | undefined;
  /** The tenant created on the first start against an empty database (no name: "Demo University"). */
  firstTenant: { name: string | undefined; sandbox: boolean };
  rateLimitMax: number;
  rateLimitWindowMs: number;
  /** Failed authentications a client address may make per rate-limit window. */
  rateLimitAuthFailuresMax: number;
  /** With `redisUrl`: the prefix of the rate-limit windows' Redis keys (one per installation). */
  rateLimitRedisPrefix: string;
  bodyLimitBytes: number;
  /** Imports (contacts, roster): the largest file and the most records one may have. */
  imports: { maxBytes: number; maxRows: number };
  /** How long a stored Idempotency-Key response is kept; at least 24 h. */
  idempotencyTtlHours: number;
  /** Serve the sample portal page (`/portal`) for the first sandbox tenant: on by default only when embedded. */
  portal: boolean;
  /**
   * Host names, addresses and CIDR ranges webhooks may reach although they are loopback, private
   * or otherwise non-public (on-premises receivers; the test suites' loopback receivers).
   */
  webhookAllowPrivateHosts: string[];
  /**
   * The operator's keys for secrets at rest (`INFOVIEW_SECRET_KEYS`, the first seals). Empty: the
   * embedded default keeps a generated key in `DATA_DIR`; PostgreSQL requires them.
   */
  secretKeys: SecretKey[];
  reminders: ReminderConfig;
}

/** The reminder scheduler's settings (see docs/api.md, "Reminders"). */
export interface ReminderConfig {
  /** BullMQ only: also run the worker inside the API process (small installs). */
  workerInProcess: boolean;
  /** BullMQ queue name (tests use a fresh one each). */
  queueName: string;
  /** In-process driver: the longest sleep between two polls. */
  pollIntervalMs: number;
  /** How long a dispatcher holds a claimed reminder before another may take it over. */
  leaseMs: number;
  /** How often the BullMQ reconciler rebuilds Redis from PostgreSQL. */
  reconcileIntervalMs: number;
  /** Reminders a worker (or the in-process driver) delivers at once. */
  concurrency: number;
  /** BullMQ lock duration: a killed worker's job is taken over after this. */
  lockDurationMs: number;
  /** Webhook and email retry delays, in ms, after attempt 1, 2, …; exhausting them fails the delivery. */
  retryScheduleMs: number[];
  webhookTimeoutMs: number;
  /** smtp:// or smtps:// URL; without it the email channel is off. */
  smtpUrl: string | undefined;
  emailFrom: string;
}

/** Standard Webhooks' schedule stretched to about three days: 5 s, 5 min, 30 min, 2 h, 5 h, then 10 h. */
export const DEFAULT_RETRY_SCHEDULE_S = [5, 300, 1800, 7200, 18000, 36000, 36000, 36000, 36000, 36000, 36000];

function retrySchedule(env: Env, name: string): number[] {
  const raw = env[name]?.trim();
  if (!raw) return DEFAULT_RETRY_SCHEDULE_S.map((s) => s * 1000);
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length > 50 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p))) {
    throw new ConfigError(name, `expected comma-separated seconds, e.g. "5,300,1800", got "${raw}"`);
  }
  return parts.map((p) => Math.round(Number(p) * 1000));
}

function bool(env: Env, name: string, fallback = false): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `expected true or false, got "${env[name]}"`);
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `expected ${min}…${max}, got ${value}`);
  return value;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `expected a ${protocols.join(' or ')} URL, got ${parsed.protocol}`);
  }
  return raw;
}

function queueName(env: Env): string {
  const raw = env.REMINDER_QUEUE?.trim() || 'infoview-reminders';
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(raw))
    throw new ConfigError('REMINDER_QUEUE', 'expected 1–100 of A-Za-z0-9_-');
  return raw;
}

function rateLimitRedisPrefix(env: Env): string {
  const raw = env.RATE_LIMIT_REDIS_PREFIX?.trim() || 'infoview:rate-limit';
  if (!/^[A-Za-z0-9_:-]{1,100}$/.test(raw))
    throw new ConfigError('RATE_LIMIT_REDIS_PREFIX', 'expected 1–100 of A-Za-z0-9_:-');
  return raw;
}

/**
 * Secrets as they ship in examples (docker/example.env, the docs): refused, so that an unedited
 * copy never runs with a publicly known admin key or database password.
 */
const PLACEHOLDER =
  /^(replace|change|changeme|your|example|placeholder|insert|secret|password)([-_]|$)|replace[-_]with/i;

export function isPlaceholderSecret(value: string): boolean {
  return PLACEHOLDER.test(value);
}

function databaseUrl(env: Env): string | undefined {
  const raw = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  if (raw && isPlaceholderSecret(decodeURIComponent(new URL(raw).password))) {
    throw new ConfigError(
      'DATABASE_URL',
      'its password is a placeholder from an example (POSTGRES_PASSWORD in docker/example.env?): set a random one',
    );
  }
  return raw;
}

function firstTenant(env: Env): Config['firstTenant'] {
  const mode = env.INFOVIEW_TENANT_MODE?.trim().toLowerCase() || 'sandbox';
  if (mode !== 'sandbox' && mode !== 'live') {
    throw new ConfigError(
      'INFOVIEW_TENANT_MODE',
      `expected sandbox or live, got "${env.INFOVIEW_TENANT_MODE}"`,
    );
  }
  const name = env.INFOVIEW_TENANT_NAME?.trim() || undefined;
  if (name && name.length > 200)
    throw new ConfigError('INFOVIEW_TENANT_NAME', 'expected at most 200 characters');
  return { name, sandbox: mode === 'sandbox' };
}

function allowlist(env: Env, name: string): string[] {
  const entries = (env[name] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  for (const entry of entries) {
    try {
      parseAllowEntry(entry);
    } catch (error) {
      throw new ConfigError(name, (error as Error).message);
    }
  }
  return entries;
}

function secretKeys(env: Env, name: string): SecretKey[] {
  try {
    return parseSecretKeys(env[name] ?? '');
  } catch (error) {
    throw new ConfigError(name, (error as Error).message);
  }
}

/** Reads and validates the environment; throws {@link ConfigError} naming the bad variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const adminApiKey = env.INFOVIEW_ADMIN_API_KEY?.trim() || undefined;
  if (adminApiKey !== undefined && !/^[A-Za-z0-9_-]{24,200}$/.test(adminApiKey)) {
    throw new ConfigError('INFOVIEW_ADMIN_API_KEY', 'expected 24–200 characters of A-Z, a-z, 0-9, _ or -');
  }
  if (adminApiKey !== undefined && isPlaceholderSecret(adminApiKey)) {
    throw new ConfigError(
      'INFOVIEW_ADMIN_API_KEY',
      'is a placeholder from an example, known to anyone: set a random key (e.g. `openssl rand -hex 32`)',
    );
  }
  const databaseUrlValue = databaseUrl(env);
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    // Loopback unless the operator opens it up: a fresh clone is not reachable from the network.
    host: env.HOST?.trim() || '127.0.0.1',
    logLevel,
    dataDir: path.resolve(cwd, env.DATA_DIR?.trim() || '.infoview'),
    databaseUrl: databaseUrlValue,
    databasePoolSize: env.DATABASE_POOL_SIZE?.trim()
      ? integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000)
      : undefined,
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    adminApiKey,
    firstTenant: firstTenant(env),
    rateLimitMax: integer(env, 'RATE_LIMIT_MAX', 600, 1, 1_000_000),
    rateLimitWindowMs: integer(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 1000, 86_400_000),
    rateLimitAuthFailuresMax: integer(env, 'RATE_LIMIT_AUTH_FAILURES_MAX', 30, 1, 1_000_000),
    rateLimitRedisPrefix: rateLimitRedisPrefix(env),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
    idempotencyTtlHours: integer(env, 'IDEMPOTENCY_TTL_HOURS', 24, 24, 24 * 365),
    imports: {
      maxBytes: integer(env, 'IMPORT_MAX_BYTES', 52_428_800, 1024, 1_073_741_824),
      maxRows: integer(env, 'IMPORT_MAX_ROWS', 100_000, 1, 10_000_000),
    },
    // The embedded default is someone trying Infoview out; a PostgreSQL install opts in.
    portal: bool(env, 'INFOVIEW_PORTAL', databaseUrlValue === undefined),
    webhookAllowPrivateHosts: allowlist(env, 'WEBHOOK_ALLOW_PRIVATE_HOSTS'),
    secretKeys: secretKeys(env, 'INFOVIEW_SECRET_KEYS'),
    reminders: {
      workerInProcess: bool(env, 'INFOVIEW_WORKER_IN_PROCESS'),
      queueName: queueName(env),
      pollIntervalMs: integer(env, 'REMINDER_POLL_INTERVAL_MS', 5000, 10, 3_600_000),
      leaseMs: integer(env, 'REMINDER_LEASE_MS', 60_000, 1000, 3_600_000),
      reconcileIntervalMs: integer(env, 'REMINDER_RECONCILE_INTERVAL_MS', 60_000, 100, 86_400_000),
      concurrency: integer(env, 'REMINDER_CONCURRENCY', 50, 1, 1000),
      lockDurationMs: integer(env, 'REMINDER_LOCK_DURATION_MS', 30_000, 1000, 3_600_000),
      retryScheduleMs: retrySchedule(env, 'WEBHOOK_RETRY_SCHEDULE'),
      webhookTimeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
      smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
      emailFrom: env.EMAIL_FROM?.trim() || 'Infoview <reminders@infoview.invalid>',
    },
  };
}

/**
 * For command-line tools: the validated configuration, or null after printing the problem (the
 * caller exits 2, the conventional code for a usage or configuration error).
 */
export function loadConfigForCli(env: Env = process.env): Config | null {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Invalid configuration: ${error.message}`);
      return null;
    }
    throw error;
  }
}
