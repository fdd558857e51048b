import type { ContactSource } from '@infoview/core';
import { contacts } from '../../db/schema/contacts.js';
import { newId } from '../../lib/ids.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { assertNotDoNotContact } from '../do-not-contact/listed.js';
import { findVisibleStudent } from '../students/find.js';
import { assertNotDuplicate, assertReferrer } from './find.js';
import { normalizeEmail, normalizeProfileUrl } from './normalize.js';
import { type ContactView, presentContact } from './present.js';

export interface ContactFields {
  name: string;
  organization?: string | null | undefined;
  title?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  profileUrl?: string | null | undefined;
  source: ContactSource;
  known?: boolean | undefined;
  referrerContactId?: string | null | undefined;
  foundVia?: string | null | undefined;
}

export interface CreateContactInput extends ContactFields {
  studentId: string;
}

/** Students (and portals for them) add contacts; advisors read only. */
export async function createContact({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: CreateContactInput;
}): Promise<ContactView> {
  requireRole(ctx, 'admin', 'integration', 'student');
  return withTransaction(ctx, async (ctx) => {
    await findVisibleStudent(ctx, input.studentId);
    const keys = {
      emailKey: normalizeEmail(input.email),
      profileUrlKey: normalizeProfileUrl(input.profileUrl),
    };
    await assertNotDoNotContact(ctx, keys);
    await assertNotDuplicate(ctx, input.studentId, keys);
    if (input.referrerContactId) await assertReferrer(ctx, input.studentId, input.referrerContactId);
    const now = ctx.now();
    const [row] = await ctx.db
      .insert(contacts)
      .values({
        id: newId(now.getTime()),
        tenantId: ctx.tenantId,
        studentId: input.studentId,
        name: input.name,
        organization: input.organization ?? null,
        title: input.title ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
        profileUrl: input.profileUrl ?? null,
        source: input.source,
        known: input.known ?? false,
        referrerContactId: input.referrerContactId ?? null,
        foundVia: input.foundVia ?? null,
        ...keys,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return presentContact(row!);
  });
}
