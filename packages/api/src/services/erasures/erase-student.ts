import { and, eq, type SQL, sql } from 'drizzle-orm';
import { studentErasures } from '../../db/schema/student-erasures.js';
import { students } from '../../db/schema/students.js';
import { newId } from '../../lib/ids.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { findVisibleStudent, studentNotFound } from '../students/find.js';
import { type ExpectedVersion, staleOrMissing } from '../versioning.js';
import { presentErasure, type StudentErasureView } from './present.js';
import { rowsOf } from './rows.js';

/**
 * What is deleted, in an order the foreign keys allow, each statement scoped to the tenant and
 * the student. Children first: deliveries and feed items before their reminders, the timeline
 * before its interviews, everything that names a contact before the contacts.
 */
const OWNED: { kind: string; where: (tenant: string, student: string) => SQL }[] = [
  {
    kind: 'reminder_deliveries',
    where: (t, s) =>
      sql`reminder_id in (select id from reminders where tenant_id = ${t} and student_id = ${s})`,
  },
  { kind: 'feed_items', where: (t, s) => sql`tenant_id = ${t} and student_id = ${s}` },
  { kind: 'reminders', where: (t, s) => sql`tenant_id = ${t} and student_id = ${s}` },
  // Tasks go whatever their status: an obsolete task's title still names its contact.
  { kind: 'tasks', where: (t, s) => sql`tenant_id = ${t} and student_id = ${s}` },
  { kind: 'notes', where: (t, s) => sql`tenant_id = ${t} and student_id = ${s}` },
  { kind: 'referrals', where: (t, s) => sql`tenant_id = ${t} and student_id = ${s}` },
  { kind: 'touchpoints', where: (t, s) => sql`tenant_id = ${t} and student_id = ${s}` },
  { kind: 'milestones', where: (t, s) => sql`tenant_id = ${t} and student_id = ${s}` },
  { kind: 'messages', where: (t, s) => sql`tenant_id = ${t} and student_id = ${s}` },
  {
    kind: 'interview_events',
    where: (t, s) =>
      sql`interview_id in (select id from interviews where tenant_id = ${t} and student_id = ${s})`,
  },
  { kind: 'interviews', where: (t, s) => sql`tenant_id = ${t} and student_id = ${s}` },
  { kind: 'contacts', where: (t, s) => sql`tenant_id = ${t} and student_id = ${s}` },
  { kind: 'advisor_students', where: (t, s) => sql`tenant_id = ${t} and student_id = ${s}` },
  { kind: 'reminder_channel_preferences', where: (t, s) => sql`tenant_id = ${t} and student_id = ${s}` },
  { kind: 'sessions', where: (t, s) => sql`tenant_id = ${t} and student_id = ${s}` },
];

async function deleteCounted(ctx: ServiceContext, table: string, where: SQL): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(
    ctx.db,
    sql`with gone as (delete from ${sql.identifier(table)} where ${where} returning 1)
        select count(*)::int as n from gone`,
  );
  return Number(row?.n ?? 0);
}

/**
 * The idempotency records that would replay something of the student: those of the student's own
 * keys, and any whose stored response names the student or one of their contacts or interviews
 * (an integration's `POST /contacts` answered with the contact's name and address). Read before
 * the owned rows go, since the ids come from them.
 */
async function eraseIdempotencyRecords(ctx: ServiceContext, studentId: string): Promise<number> {
  const t = ctx.tenantId;
  return deleteCounted(
    ctx,
    'idempotency_keys',
    sql`tenant_id = ${t} and (
      api_key_id in (select id from api_keys where tenant_id = ${t} and student_id = ${studentId})
      or (response_body is not null and exists (
        select 1 from (
          select ${studentId}::uuid as id
          union all select id from contacts where tenant_id = ${t} and student_id = ${studentId}
          union all select id from interviews where tenant_id = ${t} and student_id = ${studentId}
        ) as mine where position(mine.id::text in idempotency_keys.response_body) > 0)))`,
  );
}

/**
 * Tables added after this service was written that still hold a `student_id` (an import's rows, a
 * calendar token): every one is swept too, so a new table cannot be forgotten. Each delete runs in
 * a savepoint, and passes repeat while they make progress, so foreign keys between them resolve.
 */
async function sweepOtherTables(ctx: ServiceContext, studentId: string, counts: Record<string, number>) {
  const known = new Set([...OWNED.map((o) => o.kind), 'api_keys', 'students', 'idempotency_keys']);
  const tables = (
    await rowsOf<{ table_name: string }>(
      ctx.db,
      sql`select table_name from information_schema.columns
           where table_schema = current_schema() and column_name = 'student_id'
           order by table_name`,
    )
  )
    .map((r) => r.table_name)
    .filter((name) => !known.has(name));
  let left = tables;
  for (let pass = 0; left.length > 0 && pass < tables.length; pass++) {
    const failed: string[] = [];
    for (const table of left) {
      try {
        const n = await ctx.db.transaction((tx) =>
          deleteCounted({ ...ctx, db: tx }, table, sql`student_id = ${studentId}`),
        );
        if (n > 0) counts[table] = (counts[table] ?? 0) + n;
      } catch {
        failed.push(table);
      }
    }
    if (failed.length === left.length) break;
    left = failed;
  }
  // A table that could not be emptied would leave data behind: the erasure must not claim success.
  if (left.length > 0) {
    for (const table of left) await deleteCounted(ctx, table, sql`student_id = ${studentId}`);
  }
}

/**
 * Erases a student and everything that is theirs (admins and integration keys; `If-Match`
 * honoured when sent), in one transaction, and leaves an audit entry with counts only. Reminders
 * already handed to a queue are deleted with the rest: a worker holding one looks again before
 * sending (reminders/recheck.ts) and finds it gone.
 */
export async function eraseStudent({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; expectedVersion: ExpectedVersion };
}): Promise<StudentErasureView> {
  requireRole(ctx, 'admin', 'integration');
  return withTransaction(ctx, async (ctx) => {
    const current = await findVisibleStudent(ctx, input.id);
    const expected = input.expectedVersion === 'any' ? current.version : input.expectedVersion;
    // Lock the row at the version the caller read: a concurrent write or erasure waits or fails.
    const [locked] = await ctx.db
      .select({ id: students.id })
      .from(students)
      .where(
        and(eq(students.tenantId, ctx.tenantId), eq(students.id, input.id), eq(students.version, expected)),
      )
      .for('update');
    if (!locked) staleOrMissing(true, () => studentNotFound(input.id));

    const counts: Record<string, number> = {};
    counts.idempotency_keys = await eraseIdempotencyRecords(ctx, input.id);
    for (const owned of OWNED) {
      counts[owned.kind] = await deleteCounted(ctx, owned.kind, owned.where(ctx.tenantId, input.id));
    }
    await sweepOtherTables(ctx, input.id, counts);
    counts.api_keys = await deleteCounted(
      ctx,
      'api_keys',
      sql`tenant_id = ${ctx.tenantId} and student_id = ${input.id}`,
    );
    counts.students = await deleteCounted(
      ctx,
      'students',
      sql`tenant_id = ${ctx.tenantId} and id = ${input.id}`,
    );
    const [row] = await ctx.db
      .insert(studentErasures)
      .values({
        id: newId(ctx.now().getTime()),
        tenantId: ctx.tenantId,
        subjectId: input.id,
        requestedByApiKeyId: ctx.actor.apiKeyId,
        requestedByRole: ctx.actor.role,
        erasedAt: ctx.now(),
        counts,
      })
      .returning();
    ctx.log.info({ erasureId: row!.id, counts }, 'student erased');
    return presentErasure(row!);
  });
}
