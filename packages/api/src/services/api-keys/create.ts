import { and, eq } from 'drizzle-orm';
import { advisors } from '../../db/schema/advisors.js';
import type { ApiKeyScope } from '../../db/schema/api-keys.js';
import { students } from '../../db/schema/students.js';
import { tenants } from '../../db/schema/tenants.js';
import { ServiceError } from '../../errors.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { insertApiKey } from './insert.js';
import { type ApiKeyView, presentApiKey } from './present.js';
import { generateApiKey } from './secret.js';

export interface CreateApiKeyInput {
  name: string;
  scope: ApiKeyScope;
  studentId?: string | undefined;
  advisorId?: string | undefined;
}

/** Issues a key; the secret is in the result and nowhere else, ever. */
export async function createApiKey({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateApiKeyInput;
}): Promise<ApiKeyView & { secret: string }> {
  requireRole(ctx, 'admin');
  return withTransaction(ctx, async (ctx) => {
    if (input.scope === 'student') {
      if (!input.studentId) {
        throw new ServiceError('api_key.subject_required', 'A student key needs studentId', {
          errors: [{ path: '/body/studentId', message: 'is required when scope is student' }],
        });
      }
      const [student] = await ctx.db
        .select({ id: students.id })
        .from(students)
        .where(and(eq(students.tenantId, ctx.tenantId), eq(students.id, input.studentId)));
      if (!student) throw new ServiceError('student.not_found', `No student ${input.studentId}`);
    }
    if (input.scope === 'advisor') {
      if (!input.advisorId) {
        throw new ServiceError('api_key.subject_required', 'An advisor key needs advisorId', {
          errors: [{ path: '/body/advisorId', message: 'is required when scope is advisor' }],
        });
      }
      const [advisor] = await ctx.db
        .select({ id: advisors.id })
        .from(advisors)
        .where(and(eq(advisors.tenantId, ctx.tenantId), eq(advisors.id, input.advisorId)));
      if (!advisor) throw new ServiceError('advisor.not_found', `No advisor ${input.advisorId}`);
    }
    const [tenant] = await ctx.db
      .select({ sandbox: tenants.sandbox })
      .from(tenants)
      .where(eq(tenants.id, ctx.tenantId));
    const secret = generateApiKey(tenant?.sandbox ?? false);
    const row = await insertApiKey(ctx.db, ctx.now(), {
      tenantId: ctx.tenantId,
      name: input.name,
      secret,
      scope: input.scope,
      studentId: input.scope === 'student' ? input.studentId : null,
      advisorId: input.scope === 'advisor' ? input.advisorId : null,
    });
    return { ...presentApiKey(row), secret };
  });
}
