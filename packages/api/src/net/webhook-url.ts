import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { type AddressPolicy, unbracket } from './address-policy.js';
import { resolveAllowed } from './guarded-lookup.js';
import { OutboundError } from './outbound-errors.js';

/** A registration does not wait on a slow resolver longer than this (the send checks anyway). */
const REGISTRATION_LOOKUP_MS = 2000;

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('lookup timed out')), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });

export type WebhookUrlCheck =
  | { ok: true; href: string }
  /** `not_allowed`: a well-formed URL whose host is forbidden; `invalid`: anything else. */
  | { ok: false; kind: 'invalid' | 'not_allowed'; reason: string };

// C0 controls, DEL and C1 controls: WHATWG parsing strips or encodes some of them silently.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Checks a webhook URL at registration and returns it normalised (`new URL(u).href`): http(s),
 * no credentials, no control characters, and a host that is neither a forbidden address in any
 * spelling (`2130706433`, `0x7f.1` and `[::ffff:7f00:1]` are all 127.0.0.1 once parsed) nor a
 * name resolving to one. A name that does not resolve (yet) is accepted: every send checks again.
 */
export async function checkWebhookUrl(
  raw: string,
  policy: AddressPolicy,
  resolve?: (hostname: string) => Promise<LookupAddress[]>,
): Promise<WebhookUrlCheck> {
  if (CONTROL.test(raw)) return { ok: false, kind: 'invalid', reason: 'contains control characters' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, kind: 'invalid', reason: 'is not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, kind: 'invalid', reason: 'is not http(s)' };
  if (url.username || url.password) return { ok: false, kind: 'invalid', reason: 'carries credentials' };
  const host = unbracket(url.hostname);
  if (isIP(host)) {
    return policy.allowsAddress(host)
      ? { ok: true, href: url.href }
      : { ok: false, kind: 'not_allowed', reason: 'is an address webhooks may not reach' };
  }
  try {
    await withTimeout(resolveAllowed(policy, host, resolve), REGISTRATION_LOOKUP_MS);
  } catch (error) {
    if (error instanceof OutboundError)
      return { ok: false, kind: 'not_allowed', reason: 'resolves to an address webhooks may not reach' };
    // Unresolvable today (ENOTFOUND, a resolver timeout): not proof of anything, sends re-check.
  }
  return { ok: true, href: url.href };
}
