import { referrals } from '../../db/schema/network.js';
import { newId } from '../../lib/ids.js';
import { createContact } from '../contacts/create.js';
import type { ContactView } from '../contacts/present.js';
import type { ServiceContext } from '../context.js';
import { assertStudentContact } from '../references.js';
import { presentReferral, type ReferralView } from '../referrals/present.js';
import { type ActionInput, type ActionResult, applyInterviewEvent } from './apply-event.js';

/** Details of the referred person, to add them as a contact (source `referral`). */
export interface ReferredContactInput {
  organization?: string | null | undefined;
  title?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  profileUrl?: string | null | undefined;
  known?: boolean | undefined;
}

/**
 * The contact named someone else to speak with. Links an existing contact (`contactId`), or adds
 * one (`contact`) whose source is `referral` and whose referrer is this interview's contact.
 */
export async function recordReferral({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ActionInput & {
    name: string;
    contactId?: string | undefined;
    contact?: ReferredContactInput | undefined;
    at?: string | undefined;
  };
}): Promise<ActionResult & { referral: ReferralView; contact: ContactView | null }> {
  const referralId = newId(ctx.now().getTime());
  return applyInterviewEvent(
    ctx,
    input,
    (_s, at) => ({ type: 'record_referral', at, referralId }),
    async (ctx, loaded, result) => {
      const { studentId, contactId: referrerId } = loaded.interview;
      let contact: ContactView | null = null;
      let contactId: string | null = input.contactId ?? null;
      if (input.contactId) {
        await assertStudentContact(ctx, studentId, input.contactId, 'contactId');
      } else if (input.contact) {
        contact = await createContact({
          ctx,
          input: {
            studentId,
            name: input.name,
            source: 'referral',
            referrerContactId: referrerId,
            ...input.contact,
          },
        });
        contactId = contact.id;
      }
      const now = ctx.now();
      const [row] = await ctx.db
        .insert(referrals)
        .values({
          id: referralId,
          tenantId: ctx.tenantId,
          studentId,
          interviewId: loaded.interview.id,
          contactId,
          name: input.name,
          at: new Date(result.event.at),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return { referral: presentReferral(row!), contact };
    },
  );
}
