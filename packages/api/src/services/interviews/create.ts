import { newInterview, type Topic } from '@infoview/core';
import { and, eq, notInArray } from 'drizzle-orm';
import { interviews } from '../../db/schema/interviews.js';
import { ServiceError } from '../../errors.js';
import { newId } from '../../lib/ids.js';
import { findVisibleContact } from '../contacts/find.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { isUniqueViolation } from '../db-errors.js';
import { type InterviewView, presentInterview } from './present.js';
import { factsOf } from './snapshot.js';

const CLOSED = ['declined', 'unresponsive', 'cancelled', 'withdrawn'] as const;

const alreadyOpen = (existingId?: string) =>
  new ServiceError('interview.already_open', 'The contact already has an interview that is not closed', {
    errors: [{ path: '/body/contactId', message: 'already has an interview that is not closed' }],
    ...(existingId ? { extensions: { existingId } } : {}),
  });

/**
 * Starts an interview (in `prospect`) with one of the student's contacts. A contact has at most
 * one interview that is not closed; once it is declined, unresponsive, cancelled or withdrawn a
 * new one may start (a unique partial index holds this under concurrency too).
 */
export async function createInterview({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { contactId: string; topics?: Topic[] | undefined };
}): Promise<InterviewView> {
  requireRole(ctx, 'admin', 'integration', 'student');
  try {
    return await withTransaction(ctx, async (ctx) => {
      const contact = await findVisibleContact(ctx, input.contactId);
      const [open] = await ctx.db
        .select({ id: interviews.id })
        .from(interviews)
        .where(
          and(
            eq(interviews.tenantId, ctx.tenantId),
            eq(interviews.contactId, contact.id),
            notInArray(interviews.state, [...CLOSED]),
          ),
        )
        .limit(1);
      if (open) throw alreadyOpen(open.id);
      const now = ctx.now();
      const id = newId(now.getTime());
      const snapshot = newInterview({ id, contactId: contact.id, topics: [...new Set(input.topics ?? [])] });
      const [row] = await ctx.db
        .insert(interviews)
        .values({
          id,
          tenantId: ctx.tenantId,
          studentId: contact.studentId,
          contactId: contact.id,
          state: snapshot.state,
          topics: snapshot.topics,
          facts: factsOf(snapshot),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return presentInterview(row!);
    });
  } catch (error) {
    if (isUniqueViolation(error, 'interviews_one_active_per_contact_uq')) throw alreadyOpen();
    throw error;
  }
}
