import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { apiKeys } from '../../db/schema/api-keys.js';
import { students } from '../../db/schema/students.js';
import { ServiceError } from '../../errors.js';
import type { Actor, SystemContext } from '../context.js';
import { hashApiKey } from './secret.js';

/** How often `last_used_at` is refreshed: often enough to audit, rarely enough to cost nothing. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves a bearer key (and an optional `Infoview-Acting-As` student external id) to the
 * tenant and actor. Unknown and revoked keys are the same 401, so a revoked key reveals nothing.
 */
export async function authenticateApiKey({
  ctx,
  input,
}: {
  ctx: SystemContext;
  input: { secret: string; actingAs?: string | undefined };
}): Promise<{ tenantId: string; actor: Actor }> {
  const [key] = await ctx.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.hash, hashApiKey(input.secret)));
  if (!key || key.revokedAt) throw new ServiceError('auth.invalid_credentials');

  const now = ctx.now();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
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

  const actor: Actor = {
    apiKeyId: key.id,
    scope: key.scope,
    role: key.scope,
    studentId: key.scope === 'student' ? key.studentId : null,
    advisorId: key.scope === 'advisor' ? key.advisorId : null,
    actingAs: false,
  };
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
