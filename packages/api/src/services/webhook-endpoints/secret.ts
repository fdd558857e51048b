import { randomBytes } from 'node:crypto';

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export const generateWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** How long a rotated-out secret keeps signing. */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;
