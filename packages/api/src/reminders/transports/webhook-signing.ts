import { createHmac } from 'node:crypto';

/** An endpoint as the sender needs it. */
export interface WebhookTarget {
  id: string;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/** Decoded signing keys by secret (`whsec_` + base64, as the standardwebhooks libraries take it). */
const keys = new Map<string, Buffer>();

function keyOf(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
    if (keys.size >= 10_000) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

/** `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, what the standardwebhooks libraries verify. */
function sign(secret: string, msgId: string, at: Date, body: string): string {
  const hmac = createHmac('sha256', keyOf(secret));
  hmac.update(`${msgId}.${Math.floor(at.getTime() / 1000)}.`);
  hmac.update(body);
  return `v1,${hmac.digest('base64')}`;
}

/**
 * `webhook-signature` per Standard Webhooks v1: `v1,<base64>` with the current secret, and
 * while a rotation's grace period runs, a second `v1,…` with the previous one (receivers
 * accept any listed signature, so either secret verifies).
 */
export function signWebhook(target: WebhookTarget, msgId: string, at: Date, body: string): string {
  const signature = sign(target.secret, msgId, at, body);
  if (target.previousSecret && target.previousSecretExpiresAt && target.previousSecretExpiresAt > at) {
    return `${signature} ${sign(target.previousSecret, msgId, at, body)}`;
  }
  return signature;
}

/** A message signed and ready to POST: built before it falls due, so sending it is only I/O. */
export interface PreparedWebhook {
  /** The attempt's instant, as signed (`webhook-timestamp`). */
  at: Date;
  body: string;
  headers: Record<string, string>;
}

/** Signs `body` as message `id` sent at `at`: the Standard Webhooks headers. */
export function prepareWebhook(
  target: WebhookTarget,
  message: { id: string; body: string },
  at: Date,
): PreparedWebhook {
  return {
    at,
    body: message.body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Infoview-Webhooks/1',
      'webhook-id': message.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signWebhook(target, message.id, at, message.body),
    },
  };
}
