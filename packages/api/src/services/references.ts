import { and, eq } from 'drizzle-orm';
import { contacts } from '../db/schema/contacts.js';
import { milestones } from '../db/schema/network.js';
import { ServiceError } from '../errors.js';
import type { ServiceContext } from './context.js';

const invalid = (field: string, what: string) =>
  new ServiceError('request.reference_invalid', `${field} is not ${what} of the same student`, {
    errors: [{ path: `/body/${field}`, message: `is not ${what} of the same student` }],
  });

/** A contact a body field names must belong to the same student (422 otherwise). */
export async function assertStudentContact(
  ctx: ServiceContext,
  studentId: string,
  contactId: string,
  field: string,
) {
  const [row] = await ctx.db
    .select({ id: contacts.id })
    .from(contacts)
    .where(
      and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.studentId, studentId), eq(contacts.id, contactId)),
    );
  if (!row) throw invalid(field, 'a contact');
}

/** A milestone a body field names must belong to the same student (422 otherwise). */
export async function assertStudentMilestone(
  ctx: ServiceContext,
  studentId: string,
  milestoneId: string,
  field: string,
) {
  const [row] = await ctx.db
    .select({ id: milestones.id })
    .from(milestones)
    .where(
      and(
        eq(milestones.tenantId, ctx.tenantId),
        eq(milestones.studentId, studentId),
        eq(milestones.id, milestoneId),
      ),
    );
  if (!row) throw invalid(field, 'a milestone');
}
