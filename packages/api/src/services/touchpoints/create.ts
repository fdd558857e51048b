import type { Channel, TouchpointKind } from '@infoview/core';
import { touchpoints } from '../../db/schema/network.js';
import { ServiceError } from '../../errors.js';
import { newId } from '../../lib/ids.js';
import { findVisibleContact } from '../contacts/find.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { assertStudentContact, assertStudentMilestone } from '../references.js';
import { presentTouchpoint, type TouchpointView } from './present.js';

export interface CreateTouchpointInput {
  contactId: string;
  kind: TouchpointKind;
  channel?: Channel | null | undefined;
  at?: string | undefined;
  aboutContactId?: string | null | undefined;
  milestoneId?: string | null | undefined;
  summary?: string | null | undefined;
}

/** A later contact with someone (keep in touch, report back, news); resets the keep-in-touch timer. */
export async function createTouchpoint({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateTouchpointInput;
}): Promise<TouchpointView> {
  requireRole(ctx, 'admin', 'integration', 'student');
  return withTransaction(ctx, async (ctx) => {
    const contact = await findVisibleContact(ctx, input.contactId);
    if (input.aboutContactId)
      await assertStudentContact(ctx, contact.studentId, input.aboutContactId, 'aboutContactId');
    if (input.milestoneId)
      await assertStudentMilestone(ctx, contact.studentId, input.milestoneId, 'milestoneId');
    const now = ctx.now();
    const at = input.at === undefined ? now : new Date(input.at);
    if (at.getTime() > now.getTime() + 60_000) {
      throw new ServiceError('request.validation_failed', 'at must not be in the future', {
        errors: [{ path: '/body/at', message: 'must not be in the future' }],
      });
    }
    const [row] = await ctx.db
      .insert(touchpoints)
      .values({
        id: newId(now.getTime()),
        tenantId: ctx.tenantId,
        studentId: contact.studentId,
        contactId: contact.id,
        kind: input.kind,
        channel: input.channel ?? null,
        at,
        aboutContactId: input.aboutContactId ?? null,
        milestoneId: input.milestoneId ?? null,
        summary: input.summary ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return presentTouchpoint(row!);
  });
}
