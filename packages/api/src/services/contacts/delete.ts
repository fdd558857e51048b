import { and, eq, sql } from 'drizzle-orm';
import { contacts } from '../../db/schema/contacts.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import type { ExpectedVersion } from '../versioning.js';
import { staleOrMissing } from '../versioning.js';
import { contactNotFound, findVisibleContact } from './find.js';

/** Deletes a contact; `If-Match` is optional here (`any` when absent) but honoured when sent. */
export async function deleteContact({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; expectedVersion: ExpectedVersion };
}): Promise<void> {
  requireRole(ctx, 'admin', 'integration', 'student');
  await withTransaction(ctx, async (ctx) => {
    const current = await findVisibleContact(ctx, input.id);
    const expected = input.expectedVersion === 'any' ? current.version : input.expectedVersion;
    // Contacts this one referred keep existing and lose the link; their version moves so ETags stay true.
    await ctx.db
      .update(contacts)
      .set({ referrerContactId: null, version: sql`${contacts.version} + 1`, updatedAt: ctx.now() })
      .where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.referrerContactId, input.id)));
    const deleted = await ctx.db
      .delete(contacts)
      .where(
        and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.id, input.id), eq(contacts.version, expected)),
      )
      .returning({ id: contacts.id });
    if (deleted.length === 0) staleOrMissing(true, () => contactNotFound(input.id));
  });
}
