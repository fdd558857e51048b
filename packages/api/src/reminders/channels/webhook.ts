import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';

/** An endpoint as the sender needs it. */
export interface WebhookTarget {
  id: string;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

export type AttemptResult =
  | { ok: true; statusCode: number | null }
  | { ok: false; error: string; statusCode: number | null; gone?: boolean };

/**
 * `webhook-signature` per Standard Webhooks v1: `v1,<base64>` with the current secret, and
 * while a rotation's grace period runs, a second `v1,…` with the previous one (receivers
 * accept any listed signature, so either secret verifies).
 */
export function signWebhook(target: WebhookTarget, msgId: string, at: Date, body: string): string {
  const signatures = [new Webhook(target.secret).sign(msgId, at, body)];
  if (target.previousSecret && target.previousSecretExpiresAt && target.previousSecretExpiresAt > at) {
    signatures.push(new Webhook(target.previousSecret).sign(msgId, at, body));
  }
  return signatures.join(' ');
}

// Keep-alive pools: a burst of reminders to one receiver reuses a few hundred connections.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

/** One POST; any 2xx is delivered, 410 Gone disables the endpoint, anything else is retried. */
export function sendWebhook(
  target: WebhookTarget,
  message: { id: string; body: string },
  options: { timeoutMs: number; now: Date },
): Promise<AttemptResult> {
  const at = options.now;
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    return Promise.resolve({ ok: false, statusCode: null, error: 'the endpoint URL is not valid' });
  }
  const client = url.protocol === 'https:' ? https : http;
  const agent = agents[url.protocol as 'http:' | 'https:'];
  return new Promise((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        agent,
        timeout: options.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(message.body),
          'user-agent': 'Infoview-Webhooks/1',
          'webhook-id': message.id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signWebhook(target, message.id, at, message.body),
        },
      },
      (response) => {
        // The body is not read for meaning, but must be consumed so the connection is reused.
        response.resume();
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve({ ok: true, statusCode: status });
          else if (status === 410)
            resolve({ ok: false, gone: true, statusCode: 410, error: 'the endpoint answered 410 Gone' });
          else resolve({ ok: false, statusCode: status, error: `the endpoint answered ${status}` });
        });
        response.on('error', (error) =>
          resolve({ ok: false, statusCode: null, error: `response failed: ${error.message}` }),
        );
      },
    );
    // `timeout` is socket inactivity; this bounds the whole exchange.
    const timer = setTimeout(() => request.destroy(new TimeoutError()), options.timeoutMs);
    request.on('timeout', () => request.destroy(new TimeoutError()));
    request.on('close', () => clearTimeout(timer));
    request.on('error', (error) => {
      clearTimeout(timer);
      resolve({
        ok: false,
        statusCode: null,
        error:
          error instanceof TimeoutError
            ? `no answer within ${options.timeoutMs} ms`
            : `request failed: ${error.message}`,
      });
    });
    request.end(message.body);
  });
}

class TimeoutError extends Error {}
