import { and, eq, lt } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/schema/idempotency-keys.js';
import { ServiceError } from '../../errors.js';
import { newId } from '../../lib/ids.js';
import type { ServiceContext } from '../context.js';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The response carried a secret, which was not stored (see withhold-secret.ts). */
  secretWithheld?: boolean;
}

export type IdempotencyOutcome =
  /** First use of the key: run the request, then `completeIdempotentRequest`. */
  | { kind: 'run'; recordId: string }
  /** Seen before with the same request: answer with the stored response. */
  | { kind: 'replay'; response: StoredResponse };

/**
 * Claims an `Idempotency-Key` by inserting first: the unique (tenant, key) index makes every
 * concurrent duplicate lose the race and then see either "still running" (409) or the stored
 * response (replay) — never a second execution.
 */
export async function beginIdempotentRequest({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { key: string; fingerprint: string; ttlHours: number };
}): Promise<IdempotencyOutcome> {
  // Real time: the record's lifetime is bookkeeping, whatever a sandbox's test clock says.
  const now = new Date();
  // An expired record no longer protects anything; clear it so the key can be claimed again.
  await ctx.db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.tenantId, ctx.tenantId),
        eq(idempotencyKeys.key, input.key),
        lt(idempotencyKeys.expiresAt, now),
      ),
    );
  const recordId = newId(now.getTime());
  const inserted = await ctx.db
    .insert(idempotencyKeys)
    .values({
      id: recordId,
      tenantId: ctx.tenantId,
      key: input.key,
      apiKeyId: ctx.actor.apiKeyId,
      fingerprint: input.fingerprint,
      createdAt: now,
      expiresAt: new Date(now.getTime() + input.ttlHours * 3_600_000),
    })
    .onConflictDoNothing({ target: [idempotencyKeys.tenantId, idempotencyKeys.key] })
    .returning({ id: idempotencyKeys.id });
  if (inserted.length > 0) return { kind: 'run', recordId };

  const [existing] = await ctx.db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.tenantId, ctx.tenantId), eq(idempotencyKeys.key, input.key)));
  if (!existing) {
    // Released between our insert and select (the first request failed): the client may retry.
    throw new ServiceError(
      'idempotency.in_progress',
      'A request with this Idempotency-Key just finished; retry',
    );
  }
  if (existing.fingerprint !== input.fingerprint) {
    throw new ServiceError(
      'idempotency.key_reused',
      'This Idempotency-Key was used with a different request',
      {
        errors: [{ path: '/headers/idempotency-key', message: 'was already used for a different request' }],
      },
    );
  }
  if (existing.responseStatus === null || existing.responseBody === null) {
    throw new ServiceError('idempotency.in_progress');
  }
  return {
    kind: 'replay',
    response: {
      status: existing.responseStatus,
      headers: existing.responseHeaders ?? {},
      body: existing.responseBody,
      secretWithheld: existing.secretWithheld,
    },
  };
}
