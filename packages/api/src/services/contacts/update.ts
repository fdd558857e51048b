import { and, eq, sql } from 'drizzle-orm';
import { contacts } from '../../db/schema/contacts.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { assertNotDoNotContact } from '../do-not-contact/listed.js';
import { type ExpectedVersion, staleOrMissing } from '../versioning.js';
import type { ContactFields } from './create.js';
import { assertNotDuplicate, assertReferrer, contactNotFound, findVisibleContact } from './find.js';
import { normalizeEmail, normalizeProfileUrl } from './normalize.js';
import { type ContactView, presentContact } from './present.js';

export interface UpdateContactInput {
  id: string;
  expectedVersion: ExpectedVersion;
  /** Only the fields present change; `null` clears an optional field. */
  patch: Partial<ContactFields>;
}

export async function updateContact({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: UpdateContactInput;
}): Promise<ContactView> {
  requireRole(ctx, 'admin', 'integration', 'student');
  return withTransaction(ctx, async (ctx) => {
    const current = await findVisibleContact(ctx, input.id);
    const expected = input.expectedVersion === 'any' ? current.version : input.expectedVersion;
    const patch = Object.fromEntries(
      Object.entries(input.patch).filter(([, v]) => v !== undefined),
    ) as Partial<ContactFields>;
    const email = 'email' in patch ? patch.email : current.email;
    const profileUrl = 'profileUrl' in patch ? patch.profileUrl : current.profileUrl;
    const keys = { emailKey: normalizeEmail(email), profileUrlKey: normalizeProfileUrl(profileUrl) };
    if ('email' in patch || 'profileUrl' in patch) {
      await assertNotDoNotContact(ctx, keys);
      await assertNotDuplicate(ctx, current.studentId, keys, current.id);
    }
    if (patch.referrerContactId)
      await assertReferrer(ctx, current.studentId, patch.referrerContactId, current.id);
    const [row] = await ctx.db
      .update(contacts)
      .set({ ...patch, ...keys, version: sql`${contacts.version} + 1`, updatedAt: ctx.now() })
      .where(
        and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.id, input.id), eq(contacts.version, expected)),
      )
      .returning();
    if (!row) staleOrMissing(true, () => contactNotFound(input.id));
    return presentContact(row);
  });
}
