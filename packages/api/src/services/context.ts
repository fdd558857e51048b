import type { Db } from '../db/client.js';
import type { ApiKeyScope } from '../db/schema/api-keys.js';
import { ServiceError } from '../errors.js';

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
}

/** A context without a tenant, for start-up work (migrations, the demo tenant). */
export interface SystemContext {
  db: Db;
  now: () => Date;
}

/**
 * Runs `fn` in a transaction: the caller's, when there is one, otherwise a new one.
 * Services that write more than one statement go through this so they compose.
 */
export async function withTransaction<T>(
  ctx: ServiceContext,
  fn: (ctx: ServiceContext) => Promise<T>,
): Promise<T> {
  if (ctx.inTransaction) return fn(ctx);
  return ctx.db.transaction((tx) => fn({ ...ctx, db: tx, inTransaction: true }));
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
