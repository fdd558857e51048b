import { and, eq, ne, or, type SQL } from 'drizzle-orm';
import { contacts } from '../../db/schema/contacts.js';
import { ServiceError } from '../../errors.js';
import { visibleStudents } from '../access.js';
import type { ServiceContext } from '../context.js';

export const contactNotFound = (id: string) => new ServiceError('contact.not_found', `No contact ${id}`);

export async function findVisibleContact(ctx: ServiceContext, id: string) {
  const [row] = await ctx.db
    .select()
    .from(contacts)
    .where(and(visibleStudents(ctx, contacts.tenantId, contacts.studentId), eq(contacts.id, id)));
  if (!row) throw contactNotFound(id);
  return row;
}

/** Refuses a second contact for the same person (same normalised email or profile URL) of one student. */
export async function assertNotDuplicate(
  ctx: ServiceContext,
  studentId: string,
  keys: { emailKey: string | null; profileUrlKey: string | null },
  exceptId?: string,
): Promise<void> {
  const matches: SQL[] = [];
  if (keys.emailKey) matches.push(eq(contacts.emailKey, keys.emailKey));
  if (keys.profileUrlKey) matches.push(eq(contacts.profileUrlKey, keys.profileUrlKey));
  if (matches.length === 0) return;
  const [existing] = await ctx.db
    .select({ id: contacts.id, emailKey: contacts.emailKey })
    .from(contacts)
    .where(
      and(
        eq(contacts.tenantId, ctx.tenantId),
        eq(contacts.studentId, studentId),
        or(...matches),
        exceptId === undefined ? undefined : ne(contacts.id, exceptId),
      ),
    )
    .limit(1);
  if (existing) {
    const field = keys.emailKey && existing.emailKey === keys.emailKey ? 'email' : 'profileUrl';
    throw new ServiceError('contact.duplicate', `The student already has this contact (same ${field})`, {
      errors: [{ path: `/body/${field}`, message: 'matches an existing contact of this student' }],
      extensions: { existingId: existing.id },
    });
  }
}

/** A referrer must be another contact of the same student. */
export async function assertReferrer(
  ctx: ServiceContext,
  studentId: string,
  referrerId: string,
  selfId?: string,
) {
  const [row] = await ctx.db
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(
        eq(contacts.tenantId, ctx.tenantId),
        eq(contacts.studentId, studentId),
        eq(contacts.id, referrerId),
      ),
    );
  if (!row || referrerId === selfId) {
    throw new ServiceError(
      'contact.referrer_invalid',
      'referrerContactId must be another contact of the same student',
      {
        errors: [{ path: '/body/referrerContactId', message: 'is not a contact of this student' }],
      },
    );
  }
}
