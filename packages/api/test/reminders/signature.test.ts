import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signWebhook, type WebhookTarget } from '../../src/reminders/transports/webhook-signing.js';

const secret = () => `whsec_${randomBytes(24).toString('base64')}`;

describe('webhook signatures (node:crypto) as the standardwebhooks libraries verify them', () => {
  it('signs exactly as the reference implementation, body and id included', () => {
    for (const body of [
      '{}',
      JSON.stringify({ title: 'Follow up — café ☕', n: 1 }),
      JSON.stringify({ pad: 'x'.repeat(5000) }),
    ]) {
      const target: WebhookTarget = {
        id: 'e',
        url: 'http://127.0.0.1/',
        secret: secret(),
        previousSecret: null,
        previousSecretExpiresAt: null,
      };
      const at = new Date('2026-03-01T09:00:00.789Z');
      const ours = signWebhook(target, 'msg_1', at, body);
      expect(ours).toBe(new Webhook(target.secret).sign('msg_1', at, body));
      const headers = {
        'webhook-id': 'msg_1',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
      };
      const now = new Date();
      const fresh = signWebhook(target, 'msg_1', now, body);
      expect(() =>
        new Webhook(target.secret).verify(body, { ...headers, 'webhook-signature': fresh }),
      ).not.toThrow();
      // A different body or id does not verify.
      expect(() =>
        new Webhook(target.secret).verify(`${body} `, { ...headers, 'webhook-signature': fresh }),
      ).toThrow();
    }
  });

  it('during a rotation both secrets verify; after the grace period only the new one is sent', () => {
    const at = new Date();
    const rotating: WebhookTarget = {
      id: 'e',
      url: 'http://127.0.0.1/',
      secret: secret(),
      previousSecret: secret(),
      previousSecretExpiresAt: new Date(at.getTime() + 60_000),
    };
    const header = signWebhook(rotating, 'msg_2', at, '{}');
    expect(header.split(' ')).toHaveLength(2);
    const headers = {
      'webhook-id': 'msg_2',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': header,
    };
    expect(() => new Webhook(rotating.secret).verify('{}', headers)).not.toThrow();
    expect(() => new Webhook(rotating.previousSecret!).verify('{}', headers)).not.toThrow();
    const expired = { ...rotating, previousSecretExpiresAt: new Date(at.getTime() - 1) };
    expect(signWebhook(expired, 'msg_2', at, '{}').split(' ')).toHaveLength(1);
  });
});
