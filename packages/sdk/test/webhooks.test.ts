import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { verifyWebhook, WebhookVerificationError } from '../src/index.js';

// A secret as Standard Webhooks issues them: `whsec_` + base64 of random bytes.
const secret = `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))))}`;
const signer = new Webhook(secret);

function signed(payload: string, at = new Date(), id = `msg_${crypto.randomUUID()}`) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signer.sign(id, at, payload),
  };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => (error instanceof WebhookVerificationError ? error.reason : error),
  );

describe('verifyWebhook', () => {
  const payload = JSON.stringify({ type: 'task.due', data: { taskId: 't_1' } });

  it('accepts a payload signed by the standardwebhooks package, from a Headers or a plain object', async () => {
    const headers = signed(payload);
    await expect(verifyWebhook(payload, headers, secret)).resolves.toEqual(JSON.parse(payload));
    await expect(verifyWebhook(payload, new Headers(headers), secret)).resolves.toEqual(JSON.parse(payload));
    // Node's IncomingHttpHeaders may hold an array; header names in any case.
    const upper = {
      'Webhook-Id': [headers['webhook-id']],
      ...Object.fromEntries(Object.entries(headers).slice(1)),
    };
    await expect(verifyWebhook(payload, upper, secret)).resolves.toBeTruthy();
  });

  it('accepts the secret without its whsec_ prefix, and any one of several signatures (key rotation)', async () => {
    const headers = signed(payload);
    await expect(verifyWebhook(payload, headers, secret.slice('whsec_'.length))).resolves.toBeTruthy();
    const rotated = {
      ...headers,
      'webhook-signature': `v1,${btoa('not it')} v2,zzz ${headers['webhook-signature']}`,
    };
    await expect(verifyWebhook(payload, rotated, secret)).resolves.toBeTruthy();
  });

  it('rejects a tampered body, a signature for another id, and another secret', async () => {
    const headers = signed(payload);
    expect(await failure(verifyWebhook(payload.replace('t_1', 't_2'), headers, secret))).toBe(
      'invalid_signature',
    );
    expect(await failure(verifyWebhook(payload, { ...headers, 'webhook-id': 'msg_other' }, secret))).toBe(
      'invalid_signature',
    );
    const otherSecret = `whsec_${btoa('another secret of enough length')}`;
    expect(await failure(verifyWebhook(payload, headers, otherSecret))).toBe('invalid_signature');
  });

  it('rejects an old timestamp (and one too far ahead), within a tolerance that can be set', async () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    const old = signed(payload, tenMinutesAgo);
    expect(await failure(verifyWebhook(payload, old, secret))).toBe('timestamp_out_of_tolerance');
    await expect(verifyWebhook(payload, old, secret, { toleranceSeconds: 900 })).resolves.toBeTruthy();
    const ahead = signed(payload, new Date(Date.now() + 10 * 60_000));
    expect(await failure(verifyWebhook(payload, ahead, secret))).toBe('timestamp_out_of_tolerance');
    // The clock is injectable.
    await expect(verifyWebhook(payload, old, secret, { now: () => tenMinutesAgo })).resolves.toBeTruthy();
  });

  it('rejects missing headers, a malformed timestamp and a secret that is not base64', async () => {
    const headers = signed(payload);
    const { 'webhook-signature': _, ...unsigned } = headers;
    expect(await failure(verifyWebhook(payload, unsigned, secret))).toBe('missing_headers');
    expect(await failure(verifyWebhook(payload, { ...headers, 'webhook-timestamp': 'soon' }, secret))).toBe(
      'invalid_timestamp',
    );
    expect(await failure(verifyWebhook(payload, headers, 'whsec_!!!'))).toBe('invalid_secret');
  });
});
