import { and, eq } from 'drizzle-orm';
import { advisors } from '../../db/schema/advisors.js';
import { type SessionKind, sessions } from '../../db/schema/sessions.js';
import { students } from '../../db/schema/students.js';
import { tenants } from '../../db/schema/tenants.js';
import { ServiceError } from '../../errors.js';
import { newId } from '../../lib/ids.js';
import { hashApiKey } from '../api-keys/secret.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import type { SessionComponent } from './components.js';
import { presentSession, type SessionView } from './present.js';
import { generateSessionSecret } from './secret.js';

/** The longest a session may live, whatever the tenant or the request says. */
export const MAX_SESSION_TTL_MINUTES = 60;

export interface CreateSessionInput {
  /** Exactly one of these three names the subject. */
  studentExternalId?: string | undefined;
  studentId?: string | undefined;
  advisorId?: string | undefined;
  components: SessionComponent[];
  /** Default: the tenant's `sessions.ttlMinutes`. */
  ttlMinutes?: number | undefined;
}

const SUBJECT_FIELDS = ['studentExternalId', 'studentId', 'advisorId'] as const;

/**
 * Mints a browser session for one student or advisor (admin and integration keys: the portal's
 * server). The client secret is in the result and nowhere else; only its hash is stored.
 */
export async function createSession({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateSessionInput;
}): Promise<SessionView & { clientSecret: string }> {
  requireRole(ctx, 'admin', 'integration');
  const named = SUBJECT_FIELDS.filter((field) => input[field] !== undefined);
  if (named.length !== 1) {
    throw new ServiceError(
      'session.subject_required',
      'Name exactly one of studentExternalId, studentId or advisorId',
      {
        errors: (named.length === 0 ? SUBJECT_FIELDS : named).map((field) => ({
          path: `/body/${field}`,
          message: named.length === 0 ? 'one of these is required' : 'only one of these may be sent',
        })),
      },
    );
  }
  return withTransaction(ctx, async (ctx) => {
    const subject = await subjectOf(ctx, input);
    const [tenant] = await ctx.db
      .select({ ttlMinutes: tenants.sessionTtlMinutes })
      .from(tenants)
      .where(eq(tenants.id, ctx.tenantId));
    if (!tenant) throw new ServiceError('tenant.not_found');
    const ttlMinutes = Math.min(input.ttlMinutes ?? tenant.ttlMinutes, MAX_SESSION_TTL_MINUTES);
    const now = ctx.now();
    const clientSecret = generateSessionSecret();
    const [row] = await ctx.db
      .insert(sessions)
      .values({
        id: newId(now.getTime()),
        tenantId: ctx.tenantId,
        ...subject,
        components: [...new Set(input.components)],
        hash: hashApiKey(clientSecret),
        apiKeyId: ctx.actor.apiKeyId,
        expiresAt: new Date(now.getTime() + ttlMinutes * 60_000),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return { ...presentSession(row!), clientSecret };
  });
}

async function subjectOf(
  ctx: ServiceContext,
  input: CreateSessionInput,
): Promise<{ kind: SessionKind; studentId: string | null; advisorId: string | null }> {
  if (input.advisorId !== undefined) {
    const [advisor] = await ctx.db
      .select({ id: advisors.id })
      .from(advisors)
      .where(and(eq(advisors.tenantId, ctx.tenantId), eq(advisors.id, input.advisorId)));
    if (!advisor) throw new ServiceError('advisor.not_found', `No advisor ${input.advisorId}`);
    return { kind: 'advisor', studentId: null, advisorId: advisor.id };
  }
  const byExternalId = input.studentExternalId !== undefined;
  const [student] = await ctx.db
    .select({ id: students.id })
    .from(students)
    .where(
      and(
        eq(students.tenantId, ctx.tenantId),
        byExternalId ? eq(students.externalId, input.studentExternalId!) : eq(students.id, input.studentId!),
      ),
    );
  if (!student) {
    throw new ServiceError(
      'student.not_found',
      byExternalId ? 'No student has this externalId' : `No student ${input.studentId}`,
    );
  }
  return { kind: 'student', studentId: student.id, advisorId: null };
}
