import { and, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { apiKeys } from '../../db/schema/api-keys.js';
import { students } from '../../db/schema/students.js';
import { ServiceError } from '../../errors.js';
import type { Actor, SystemContext } from '../context.js';
import { hashApiKey, keyedApiKeyHash } from './secret.js';

/** How often `last_used_at` is refreshed: often enough to audit, rarely enough to cost nothing. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** What authentication needs of a live key row. */
interface LiveKey {
  id: string;
  tenantId: string;
  scope: Actor['scope'];
  studentId: string | null;
  advisorId: string | null;
  lastUsedAt: Date | null;
}

/**
 * A short-lived in-process cache of live (unrevoked) keys by their sha256, so most requests
 * authenticate without a query. Unknown and revoked keys are never cached. Every revocation and
 * deletion of a key, in any process, is announced by the database (migration 0009's trigger) and
 * clears it at once (plugins/key-revocations.ts); while that announcement cannot be heard (the
 * listening connection is down) the cache is suspended and every request reads the database.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, { key: LiveKey; expires: number }>();
  /** Bumped by every clear, so a lookup that raced a revocation is not cached afterwards. */
  private generation = 0;
  private suspended = false;
  /** Revocations this process waits to hear announced, by key id. */
  private readonly awaited = new Map<string, Set<() => void>>();

  constructor(private readonly ttlMs: number) {}

  get(hash: string): LiveKey | undefined {
    const hit = this.entries.get(hash);
    if (!hit) return undefined;
    if (hit.expires > Date.now()) return hit.key;
    this.entries.delete(hash);
    return undefined;
  }

  /** The generation a lookup starts in; pass it back to {@link set}. */
  begin(): number {
    return this.generation;
  }

  set(hash: string, key: LiveKey, generation: number): void {
    if (this.ttlMs <= 0 || this.suspended || generation !== this.generation) return;
    if (this.entries.size >= 10_000) this.entries.clear();
    this.entries.set(hash, { key, expires: Date.now() + this.ttlMs });
  }

  /** After a key is revoked or deleted (here, or announced from another process). */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Revocations can no longer be heard: cache nothing until {@link resume}. */
  suspend(): void {
    this.suspended = true;
    this.clear();
  }

  /** Listening (again): what was cached before may have been revoked meanwhile, so start empty. */
  resume(): void {
    this.suspended = false;
    this.clear();
  }

  /** The database announced that key `id` was revoked or deleted. */
  revoked(id: string): void {
    this.clear();
    const waiters = this.awaited.get(id);
    this.awaited.delete(id);
    for (const resolve of waiters ?? []) resolve();
  }

  /**
   * Call before revoking key `id`; the function it returns resolves once the revocation was
   * announced back to this process (so every other listening process was sent it too), or after
   * `timeoutMs`.
   */
  expectRevocation(id: string): (timeoutMs: number) => Promise<void> {
    let heard!: () => void;
    const announced = new Promise<void>((resolve) => {
      heard = resolve;
    });
    const waiters = this.awaited.get(id) ?? new Set();
    waiters.add(heard);
    this.awaited.set(id, waiters);
    return async (timeoutMs) => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([announced, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
      waiters.delete(heard);
      if (waiters.size === 0 && this.awaited.get(id) === waiters) this.awaited.delete(id);
    };
  }
}

/** Who a bearer key is: its tenant and the actor it acts as. */
export interface Authenticated {
  tenantId: string;
  actor: Actor;
}

export interface AuthenticateArgs {
  ctx: SystemContext;
  /** `hash`: the secret's {@link hashApiKey}, when the caller has it already. */
  input: { secret: string; hash?: string | undefined; actingAs?: string | undefined };
  cache?: ApiKeyCache | undefined;
}

/**
 * Resolves a bearer key (and an optional `Infoview-Acting-As` student external id) to the
 * tenant and actor. Unknown and revoked keys are the same 401, so a revoked key reveals nothing.
 */
export async function authenticateApiKey({ ctx, input, cache }: AuthenticateArgs): Promise<Authenticated> {
  const key = await liveKey(ctx, input.hash ?? hashApiKey(input.secret), input.secret, cache);
  if (!key) throw new ServiceError('auth.invalid_credentials');

  const now = ctx.now();
  if (stampDue(key, now)) {
    // Also the cached copy, so the stamp is written once a minute, not once per cache hit.
    key.lastUsedAt = now;
    await ctx.db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiKeys.id, key.id),
          or(
            isNull(apiKeys.lastUsedAt),
            lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)),
          ),
        ),
      );
  }

  const actor = actorOf(key);
  if (input.actingAs === undefined) return { tenantId: key.tenantId, actor };

  if (key.scope !== 'integration') throw new ServiceError('auth.acting_as_not_allowed');
  const [student] = await ctx.db
    .select({ id: students.id })
    .from(students)
    .where(and(eq(students.tenantId, key.tenantId), eq(students.externalId, input.actingAs)));
  if (!student) {
    throw new ServiceError(
      'auth.acting_as_unknown_student',
      'No student has the external id in Infoview-Acting-As',
    );
  }
  return {
    tenantId: key.tenantId,
    actor: { ...actor, role: 'student', studentId: student.id, actingAs: true },
  };
}

/**
 * {@link authenticateApiKey} without a promise, when it needs no query: the key is cached, its
 * last-used stamp is fresh and there is no acting-as. Undefined otherwise (then call that).
 */
export function authenticateCachedApiKey({ ctx, input, cache }: AuthenticateArgs): Authenticated | undefined {
  if (input.actingAs !== undefined || !cache) return undefined;
  const key = cache.get(input.hash ?? hashApiKey(input.secret));
  if (!key || stampDue(key, ctx.now())) return undefined;
  return { tenantId: key.tenantId, actor: actorOf(key) };
}

const stampDue = (key: LiveKey, now: Date) =>
  !key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS;

const actorOf = (key: LiveKey): Actor => ({
  apiKeyId: key.id,
  scope: key.scope,
  role: key.scope,
  studentId: key.scope === 'student' ? key.studentId : null,
  advisorId: key.scope === 'advisor' ? key.advisorId : null,
  actingAs: false,
});

async function liveKey(ctx: SystemContext, hash: string, secret: string, cache: ApiKeyCache | undefined) {
  const cached = cache?.get(hash);
  if (cached) return cached;
  const generation = cache?.begin() ?? 0;
  const [row] = await ctx.db
    .select({
      id: apiKeys.id,
      tenantId: apiKeys.tenantId,
      scope: apiKeys.scope,
      studentId: apiKeys.studentId,
      advisorId: apiKeys.advisorId,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    // Generated keys are stored as sha256, the operator's chosen key as a keyed hash: one query.
    .where(inArray(apiKeys.hash, [hash, keyedApiKeyHash(secret)]));
  if (!row || row.revokedAt) return undefined;
  const { revokedAt: _, ...key } = row;
  cache?.set(hash, key, generation);
  return key;
}
