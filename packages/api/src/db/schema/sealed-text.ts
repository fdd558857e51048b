import { customType } from 'drizzle-orm/pg-core';
import { secretKeyring } from '../../crypto/installed-keyring.js';
import { isSealed } from '../../crypto/secret-keyring.js';

/**
 * A text column encrypted at rest with the operator's keyring (see crypto/secret-keyring.ts):
 * sealed on every write, opened on every read, so code reading the row sees the plaintext and
 * the database (and its backups) never does. A value written before encryption existed reads as
 * is until the start-up reseal rewrites it.
 */
export const sealedText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text',
  toDriver: (value) => secretKeyring().seal(value),
  fromDriver: (value) => (isSealed(value) ? secretKeyring().open(value) : value),
});
