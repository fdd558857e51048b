import { createHash, randomBytes } from 'node:crypto';

/** A feed token names itself, so one found in a log or a shared link is recognised. */
export const FEED_TOKEN_PREFIX = 'iv_cal_';

/** 30 random bytes (240 bits): unguessable, so a fast hash at rest is enough (as for API keys). */
export const generateFeedToken = (): string => `${FEED_TOKEN_PREFIX}${randomBytes(30).toString('base64url')}`;

export const hashFeedToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The feed's path: calendar apps subscribe to it without credentials. */
export const feedPath = (token: string): string => `/calendar-feeds/${token}.ics`;
