import { eq } from 'drizzle-orm';
import { type SessionKind, sessions } from '../../db/schema/sessions.js';
import { tenants } from '../../db/schema/tenants.js';
import type { Actor, SystemContext } from '../context.js';

/** What authentication and CORS need of a session, found by its secret's hash. */
export interface SessionCredential {
  id: string;
  tenantId: string;
  kind: SessionKind;
  studentId: string | null;
  advisorId: string | null;
  components: string[];
  apiKeyId: string;
  expiresAt: Date;
  revokedAt: Date | null;
  /** The tenant's `sessions.allowedOrigins`. */
  allowedOrigins: string[];
}

/**
 * The session a client secret names (revoked and expired ones too, so each gets its own 401), or
 * undefined. One query, with the tenant's allowed origins; not cached, so a revocation holds at
 * once on every replica.
 */
export async function findSession({
  ctx,
  input,
}: {
  ctx: SystemContext;
  input: { hash: string };
}): Promise<SessionCredential | undefined> {
  const [row] = await ctx.db
    .select({
      id: sessions.id,
      tenantId: sessions.tenantId,
      kind: sessions.kind,
      studentId: sessions.studentId,
      advisorId: sessions.advisorId,
      components: sessions.components,
      apiKeyId: sessions.apiKeyId,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
      allowedOrigins: tenants.sessionAllowedOrigins,
    })
    .from(sessions)
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    .where(eq(sessions.hash, input.hash));
  return row;
}

/**
 * A session acts exactly as its subject's own key would: a student key for that student, an
 * advisor key for that advisor. Its writes are idempotent under the key that minted it.
 */
export const sessionActor = (session: SessionCredential): Actor => ({
  apiKeyId: session.apiKeyId,
  sessionId: session.id,
  scope: session.kind,
  role: session.kind,
  studentId: session.kind === 'student' ? session.studentId : null,
  advisorId: session.kind === 'advisor' ? session.advisorId : null,
  actingAs: false,
});
