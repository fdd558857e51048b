import { randomBytes } from 'node:crypto';

/** What every client secret starts with, so authentication knows a session from an API key. */
export const SESSION_SECRET_PREFIX = 'iv_sess_';

/** A fresh client secret: 30 random bytes (240 bits), stored only as its sha256 like an API key. */
export const generateSessionSecret = (): string =>
  `${SESSION_SECRET_PREFIX}${randomBytes(30).toString('base64url')}`;

export const isSessionSecret = (token: string): boolean => token.startsWith(SESSION_SECRET_PREFIX);
