import { and, eq, inArray } from 'drizzle-orm';
import { type DoNotContactReason, doNotContactEntries } from '../../db/schema/do-not-contact.js';
import { newId } from '../../lib/ids.js';
import { requireRole, type ServiceContext, withTransaction } from '../context.js';
import { identityHash, identityHashes, identityOf, type ProfessionalIdentity } from './identity.js';
import { type DoNotContactView, presentDoNotContact } from './present.js';

/**
 * Lists one identity (idempotent: an identity already listed keeps its entry). Shared by the
 * admin's add and by a professional's erasure.
 */
export async function listIdentity(
  ctx: ServiceContext,
  identity: ProfessionalIdentity,
  reason: DoNotContactReason,
): Promise<{ view: DoNotContactView; created: boolean }> {
  const now = ctx.now();
  const [inserted] = await ctx.db
    .insert(doNotContactEntries)
    .values({
      id: newId(now.getTime()),
      tenantId: ctx.tenantId,
      kind: identity.kind,
      keyHash: identityHash(identity),
      reason,
      createdBy: ctx.actor.apiKeyId,
      createdAt: now,
    })
    .onConflictDoNothing({ target: [doNotContactEntries.tenantId, doNotContactEntries.keyHash] })
    .returning();
  if (inserted) return { view: presentDoNotContact(inserted), created: true };
  const [existing] = await ctx.db
    .select()
    .from(doNotContactEntries)
    .where(
      and(
        eq(doNotContactEntries.tenantId, ctx.tenantId),
        inArray(doNotContactEntries.keyHash, identityHashes(identity)),
      ),
    )
    .limit(1);
  return { view: presentDoNotContact(existing!), created: false };
}

/** An admin adds a professional (by email or profile URL) who asked not to be contacted. */
export async function addDoNotContact({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { email?: string | undefined; profileUrl?: string | undefined };
}): Promise<{ view: DoNotContactView; created: boolean }> {
  requireRole(ctx, 'admin');
  const identity = identityOf(input);
  return withTransaction(ctx, (ctx) => listIdentity(ctx, identity, 'requested'));
}
