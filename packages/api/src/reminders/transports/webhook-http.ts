import { Agent } from 'undici';
import { guardedConnector } from '../../net/guarded-connector.js';
import type { SendReport } from '../channels/channel.js';
import type { PreparedWebhook } from './webhook-signing.js';

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
      // Every connection is checked against the outbound address policy after DNS, and pinned to it.
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

/**
 * The one HTTP request of the webhook channel: POSTs a signed message to `url` and reports the
 * status (what it means is the channel's `classify`). Every connection to a receiver is made
 * here, through `agentFor`.
 */
export async function postWebhook(
  url: string,
  message: PreparedWebhook,
  timeoutMs: number,
): Promise<SendReport> {
  const target = parseTarget(url);
  if (!target) return { statusCode: null, error: 'the endpoint URL is not valid' };
  try {
    const response = await agentFor(timeoutMs).request({
      origin: target.origin,
      path: target.path,
      method: 'POST',
      headers: message.headers,
      body: message.body,
    });
    // The body is not read for meaning, but must be consumed so the connection is reused.
    await response.body.dump({ limit: 64 * 1024 });
    const status = response.statusCode;
    if (status >= 200 && status < 300) return { statusCode: status, error: null };
    return { statusCode: status, error: `the endpoint answered ${status}${status === 410 ? ' Gone' : ''}` };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const timedOut = code !== undefined && TIMEOUT_CODES.has(code);
    return {
      statusCode: null,
      error: timedOut ? `no answer within ${timeoutMs} ms` : `request failed: ${(error as Error).message}`,
    };
  }
}
