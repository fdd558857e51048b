import { hash, randomBytes } from 'node:crypto';
import { secretKeyring } from '../../crypto/installed-keyring.js';

/** The visible part of a key: `iv_live_` or `iv_test_` plus 8 characters. */
export const KEY_PREFIX_LENGTH = 16;

/** A fresh key: 30 random bytes (240 bits) after the `iv_live_`/`iv_test_` marker. */
export function generateApiKey(sandbox: boolean): string {
  return `${sandbox ? 'iv_test_' : 'iv_live_'}${randomBytes(30).toString('base64url')}`;
}

/**
 * Keys are high-entropy random strings, so a fast hash is enough at rest (no salt, no KDF). The
 * one-shot `hash` (no Hash object) because every request hashes its key.
 */
export const hashApiKey = (key: string): string => hash('sha256', key, 'hex');

/**
 * A key the operator chose (INFOVIEW_ADMIN_API_KEY) may be guessable, so it is stored as an
 * HMAC under a key derived from the operator's secret keys: a database backup alone cannot
 * test guesses against it.
 */
export const keyedApiKeyHash = (key: string): string => secretKeyring().keyedHash(key);

export const apiKeyPrefix = (key: string): string => key.slice(0, KEY_PREFIX_LENGTH);
