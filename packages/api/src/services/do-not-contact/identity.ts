import { secretKeyring } from '../../crypto/installed-keyring.js';
import type { DoNotContactKind } from '../../db/schema/do-not-contact.js';
import { ServiceError } from '../../errors.js';
import { normalizeEmail, normalizeProfileUrl } from '../contacts/normalize.js';

/** A professional as the list knows them: one normalised identity. */
export interface ProfessionalIdentity {
  kind: DoNotContactKind;
  /** The normalised email or profile URL (contacts/normalize.ts), the key duplicates and the cap match on. */
  key: string;
}

/** The normalised keys a contact row carries. */
export interface ContactKeys {
  emailKey: string | null;
  profileUrlKey: string | null;
}

/** Exactly one of `email` or `profileUrl`, normalised as contacts are; anything else is a 422. */
export function identityOf(input: {
  email?: string | undefined;
  profileUrl?: string | undefined;
}): ProfessionalIdentity {
  const email = normalizeEmail(input.email);
  const profileUrl = normalizeProfileUrl(input.profileUrl);
  if ((email === null) === (profileUrl === null)) {
    throw new ServiceError('do_not_contact.identity_required', undefined, {
      errors: [{ path: '/body', message: 'give exactly one of email or profileUrl' }],
    });
  }
  return email !== null ? { kind: 'email', key: email } : { kind: 'profile_url', key: profileUrl! };
}

/** The identities a contact's keys name. */
export function identitiesOfContact(keys: ContactKeys): ProfessionalIdentity[] {
  const found: ProfessionalIdentity[] = [];
  if (keys.emailKey) found.push({ kind: 'email', key: keys.emailKey });
  if (keys.profileUrlKey) found.push({ kind: 'profile_url', key: keys.profileUrlKey });
  return found;
}

// The kind is hashed with the value so an email and a URL never share a hash.
const hashInput = (identity: ProfessionalIdentity) => `${identity.kind}:${identity.key}`;

/** The keyed hash stored for an identity (under the current operator key). */
export const identityHash = (identity: ProfessionalIdentity): string =>
  secretKeyring().keyedHash(hashInput(identity));

/** The identity's hash under every configured key, current first: matches entries made before a rotation. */
export const identityHashes = (identity: ProfessionalIdentity): string[] =>
  secretKeyring().keyedHashes(hashInput(identity));
