import type { Db } from '../db/client.js';
import type { ApiKeyScope } from '../db/schema/api-keys.js';
import { ServiceError } from '../errors.js';
import { reevaluateChanged } from './network/changed.js';

export type { ApiKeyScope } from '../db/schema/api-keys.js';

/**
 * Who is calling, after `Infoview-Acting-As` is applied: an integration key acting for a
 * student has `role: 'student'` and that student's id, so it sees exactly what they see.
 */
export interface Actor {
  /** The key itself, or for a browser session the key that minted it. */
  apiKeyId: string;
  /** Set when the caller is a browser session (it then acts as its student or advisor). */
  sessionId?: string | undefined;
  /** The key's own scope. */
  scope: ApiKeyScope;
  /** The role access is decided by. */
  role: ApiKeyScope;
  studentId: string | null;
  advisorId: string | null;
  /** Set when an integration key acts for a student. */
  actingAs: boolean;
}

/** The minimal logger a service may use (pino's, with the request id bound). */
export interface ServiceLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What every service receives besides its input. Tenant scoping lives here, never in input. */
export interface ServiceContext {
  /** The database, or the caller's transaction: a service never opens a second connection. */
  db: Db;
  tenantId: string;
  actor: Actor;
  now: () => Date;
  log: ServiceLogger;
  /** True when `db` is already a transaction; see {@link withTransaction}. */
  inTransaction?: boolean;
  /**
   * Students a service names as changed in this transaction (core's `reevaluate_network` effect),
   * besides those the database triggers record; set by {@link withTransaction}.
   */
  changed?: Set<string>;
}

/** A context without a tenant, for start-up work (migrations, the demo tenant). */
export interface SystemContext {
  db: Db;
  now: () => Date;
}

/**
 * Runs `fn` in a transaction: the caller's, when there is one, otherwise a new one.
 * Services that write go through this so they compose — and so that, before the outermost
 * transaction commits, every student whose rule inputs it changed has its tasks and reminders
 * derived again (once, after all of the writes): re-evaluation is not each writer's job.
 */
export async function withTransaction<T>(
  ctx: ServiceContext,
  fn: (ctx: ServiceContext) => Promise<T>,
): Promise<T> {
  if (ctx.inTransaction) return fn(ctx);
  return ctx.db.transaction(async (tx) => {
    const inner: ServiceContext = { ...ctx, db: tx, inTransaction: true, changed: new Set() };
    const result = await fn(inner);
    await reevaluateChanged(inner, inner.changed);
    return result;
  });
}

/** Names a student whose rule inputs changed in this transaction (the triggers see most writes). */
export function markChanged(ctx: ServiceContext, studentId: string): void {
  ctx.changed?.add(studentId);
}

/** Refuses the operation for roles that may never do it (a 403: the role, not the record, is wrong). */
export function requireRole(ctx: ServiceContext, ...roles: ApiKeyScope[]): void {
  if (!roles.includes(ctx.actor.role)) {
    const who = describeRole(ctx.actor);
    throw new ServiceError('auth.forbidden', `${/^[aeiou]/.test(who) ? 'An' : 'A'} ${who} may not do this`);
  }
}

function describeRole(actor: Actor): string {
  if (actor.sessionId) return `${actor.role} session`;
  return actor.actingAs ? 'integration key acting as a student' : `${actor.role} key`;
}
