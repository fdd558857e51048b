import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { apiKeys } from '../../db/schema/api-keys.js';
import { students } from '../../db/schema/students.js';
import { tenants } from '../../db/schema/tenants.js';
import { ServiceError } from '../../errors.js';
import { insertApiKey } from '../api-keys/insert.js';
import { createContact } from '../contacts/create.js';
import type { ServiceContext, ServiceLogger, SystemContext } from '../context.js';
import { SESSION_COMPONENT_NAMES } from '../sessions/components.js';
import { createSession } from '../sessions/create.js';
import type { SessionView } from '../sessions/present.js';
import { createStudent } from '../students/create.js';
import { readTestClock } from '../test-clocks/read.js';

/** The demo student the sample portal signs in as. */
export const DEMO_STUDENT_EXTERNAL_ID = 'demo-student';
const PORTAL_KEY_NAME = 'Sample portal (/portal)';

/** The student components (the advisor's cohort is not on the sample page). */
const PORTAL_COMPONENTS = SESSION_COMPONENT_NAMES.filter((name) => name !== 'cohort');

/**
 * What the sample portal's server does for each page (and each `fetchClientSecret` call): mints a
 * session for the demo student of the first sandbox tenant, exactly as a portal would with its
 * integration key. That key and the student are made on first use; the key's secret is never kept.
 */
export async function mintDemoSession({
  ctx,
}: {
  ctx: SystemContext & { log: ServiceLogger };
  input?: undefined;
}): Promise<SessionView & { clientSecret: string }> {
  const [tenant] = await ctx.db
    .select({ id: tenants.id })
    .from(tenants)
    .where(eq(tenants.sandbox, true))
    .orderBy(asc(tenants.createdAt), asc(tenants.id))
    .limit(1);
  if (!tenant) throw new ServiceError('portal.no_sandbox_tenant');
  // The tenant's test clock, as its own requests read it, so the session expires on that clock.
  const frozen = await readTestClock(ctx.db, tenant.id);
  const portal: ServiceContext = {
    db: ctx.db,
    tenantId: tenant.id,
    now: frozen ? () => frozen : ctx.now,
    log: ctx.log,
    actor: {
      apiKeyId: await portalKeyId(ctx, tenant.id),
      scope: 'integration',
      role: 'integration',
      studentId: null,
      advisorId: null,
      actingAs: false,
    },
  };
  await ensureDemoStudent(portal);
  return createSession({
    ctx: portal,
    input: { studentExternalId: DEMO_STUDENT_EXTERNAL_ID, components: PORTAL_COMPONENTS },
  });
}

async function portalKeyId(ctx: SystemContext, tenantId: string): Promise<string> {
  const [key] = await ctx.db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.tenantId, tenantId),
        eq(apiKeys.name, PORTAL_KEY_NAME),
        eq(apiKeys.scope, 'integration'),
        isNull(apiKeys.revokedAt),
      ),
    )
    .limit(1);
  if (key) return key.id;
  // The page calls services directly, so the key only names who minted its sessions (and an
  // admin can revoke it): its secret is thrown away at once.
  const row = await insertApiKey(ctx.db, ctx.now(), {
    tenantId,
    name: PORTAL_KEY_NAME,
    secret: `iv_test_${randomBytes(30).toString('base64url')}`,
    scope: 'integration',
  });
  return row.id;
}

async function ensureDemoStudent(ctx: ServiceContext): Promise<void> {
  const [existing] = await ctx.db
    .select({ id: students.id })
    .from(students)
    .where(and(eq(students.tenantId, ctx.tenantId), eq(students.externalId, DEMO_STUDENT_EXTERNAL_ID)));
  if (existing) return;
  try {
    const student = await createStudent({
      ctx,
      input: { externalId: DEMO_STUDENT_EXTERNAL_ID, name: 'Dana Demo', timeZone: 'UTC' },
    });
    // One professional to start from, so the page shows the workflow rather than an empty state.
    await createContact({
      ctx,
      input: {
        studentId: student.id,
        name: 'Pat Rivera',
        organization: 'Acme Health',
        title: 'Data analyst',
        email: 'pat.rivera@example.com',
        source: 'alumni_directory',
        known: false,
      },
    });
  } catch (error) {
    // Two first requests at once: the other one made the student.
    if (!(error instanceof ServiceError && error.code === 'student.external_id_taken')) throw error;
  }
}
