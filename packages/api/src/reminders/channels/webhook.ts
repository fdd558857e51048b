import { createHmac } from 'node:crypto';
import { Agent } from 'undici';
import { guardedConnector } from '../../net/guarded-connector.js';

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

/** Keep-alive connection pools (undici), one per timeout setting (in practice one per process). */
const agents = new Map<number, Agent>();

function agentFor(timeoutMs: number): Agent {
  let agent = agents.get(timeoutMs);
  if (!agent) {
    agent = new Agent({
      // A burst to one receiver reuses this many connections at most.
      connections: 256,
      keepAliveTimeout: 30_000,
      // Each wait is bounded: connecting, the answer's headers, and each part of its body.
      connect: guardedConnector({ timeoutMs }),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    agents.set(timeoutMs, agent);
  }
  return agent;
}

/** Parsed endpoint URLs (an endpoint's URL rarely changes; parsing it per POST is measurable). */
const parsed = new Map<string, { origin: string; path: string } | null>();

function parseTarget(url: string): { origin: string; path: string } | null {
  let hit = parsed.get(url);
  if (hit === undefined) {
    try {
      const u = new URL(url);
      hit =
        u.protocol === 'http:' || u.protocol === 'https:'
          ? { origin: u.origin, path: `${u.pathname}${u.search}` }
          : null;
    } catch {
      hit = null;
    }
    if (parsed.size >= 10_000) parsed.clear();
    parsed.set(url, hit);
  }
  return hit;
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

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

/** One POST; any 2xx is delivered, 410 Gone disables the endpoint, anything else is retried. */
export async function sendWebhook(
  target: WebhookTarget,
  message: { id: string; body: string } | PreparedWebhook,
  options: { timeoutMs: number; now: Date },
): Promise<AttemptResult> {
  const url = parseTarget(target.url);
  if (!url) return { ok: false, statusCode: null, error: 'the endpoint URL is not valid' };
  const prepared = 'headers' in message ? message : prepareWebhook(target, message, options.now);
  try {
    const response = await agentFor(options.timeoutMs).request({
      origin: url.origin,
      path: url.path,
      method: 'POST',
      headers: prepared.headers,
      body: prepared.body,
    });
    // The body is not read for meaning, but must be consumed so the connection is reused.
    await response.body.dump({ limit: 64 * 1024 });
    const status = response.statusCode;
    if (status >= 200 && status < 300) return { ok: true, statusCode: status };
    if (status === 410)
      return { ok: false, gone: true, statusCode: 410, error: 'the endpoint answered 410 Gone' };
    return { ok: false, statusCode: status, error: `the endpoint answered ${status}` };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const timedOut = code !== undefined && TIMEOUT_CODES.has(code);
    return {
      ok: false,
      statusCode: null,
      error: timedOut
        ? `no answer within ${options.timeoutMs} ms`
        : `request failed: ${(error as Error).message}`,
    };
  }
}
