import { and, eq, inArray } from 'drizzle-orm';
import { doNotContactEntries } from '../../db/schema/do-not-contact.js';
import { ServiceError } from '../../errors.js';
import type { ServiceContext } from '../context.js';
import { type ContactKeys, identitiesOfContact, identityHashes } from './identity.js';

/** True when either of a contact's normalised keys is on the tenant's do-not-contact list. */
export async function isDoNotContact(ctx: ServiceContext, keys: ContactKeys): Promise<boolean> {
  const hashes = identitiesOfContact(keys).flatMap(identityHashes);
  if (hashes.length === 0) return false;
  const [row] = await ctx.db
    .select({ id: doNotContactEntries.id })
    .from(doNotContactEntries)
    .where(and(eq(doNotContactEntries.tenantId, ctx.tenantId), inArray(doNotContactEntries.keyHash, hashes)))
    .limit(1);
  return row !== undefined;
}

/**
 * Refuses a contact whose email or profile URL is listed. The contacts service calls it on
 * every create and on every change of those fields, so an import through the service meets it too.
 */
export async function assertNotDoNotContact(ctx: ServiceContext, keys: ContactKeys): Promise<void> {
  if (!(await isDoNotContact(ctx, keys))) return;
  throw new ServiceError(
    'contact.do_not_contact',
    'This professional asked not to be contacted by your institution’s students, so they cannot be added as a contact.',
  );
}
