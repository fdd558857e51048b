/** Why a webhook was refused. */
export type WebhookFailure =
  | 'missing_headers'
  | 'invalid_secret'
  | 'invalid_timestamp'
  | 'timestamp_out_of_tolerance'
  | 'invalid_signature';

/** A webhook that is not Infoview's, was altered, or is too old (or too far ahead) to accept. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  constructor(
    readonly reason: WebhookFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Request headers as a `Headers` (fetch, browsers) or a plain object (Node's `req.headers`). */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** How far the `webhook-timestamp` may be from now, either way (default 300 s). */
  toleranceSeconds?: number;
  /** The clock (tests). */
  now?: () => Date;
}

const SECRET_PREFIX = 'whsec_';

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const found = Object.keys(record).find((key) => key.toLowerCase() === name);
  const value = found === undefined ? undefined : record[found];
  return Array.isArray(value) ? value[0] : value;
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

/** Compares every byte whatever the first difference, so the time taken does not reveal it. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

/**
 * Verifies a webhook Infoview sent, by the Standard Webhooks scheme: HMAC-SHA256 with the
 * endpoint's `whsec_…` secret over `${webhook-id}.${webhook-timestamp}.${payload}`, matched
 * against any of the `v1,<base64>` signatures in `webhook-signature`. Runs on WebCrypto, so in
 * browsers, Node 20+ and edge runtimes alike. Pass the body exactly as received (before parsing).
 *
 * @returns the parsed JSON payload
 * @throws {WebhookVerificationError} on missing headers, a bad signature, or a timestamp outside tolerance
 *
 * @example
 * const event = await verifyWebhook(await request.text(), request.headers, process.env.IV_WEBHOOK_SECRET!);
 */
export async function verifyWebhook<T = unknown>(
  payload: string,
  headers: WebhookHeaders,
  secret: string,
  options: VerifyWebhookOptions = {},
): Promise<T> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError(
      'missing_headers',
      'webhook-id, webhook-timestamp and webhook-signature are required',
    );
  }

  const seconds = /^\d{1,15}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (Number.isNaN(seconds)) {
    throw new WebhookVerificationError('invalid_timestamp', 'webhook-timestamp is not a number of seconds');
  }
  const toleranceSeconds = options.toleranceSeconds ?? 300;
  const nowSeconds = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - seconds) > toleranceSeconds) {
    throw new WebhookVerificationError(
      'timestamp_out_of_tolerance',
      `webhook-timestamp is more than ${toleranceSeconds} s from now`,
    );
  }

  const keyBytes = base64ToBytes(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
  );
  if (!keyBytes || keyBytes.length === 0) {
    throw new WebhookVerificationError('invalid_secret', 'the webhook secret is not base64 (whsec_…)');
  }
  const key = await globalThis.crypto.subtle.importKey(
    'raw',
    keyBytes,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signed = new TextEncoder().encode(`${id}.${timestamp}.${payload}`);
  const expected = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, signed));

  let matched = false;
  for (const candidate of signatures.split(' ')) {
    const [version, signature] = candidate.split(',', 2);
    if (version !== 'v1' || !signature) continue;
    const bytes = base64ToBytes(signature);
    // No early exit: every candidate is compared.
    if (bytes && constantTimeEqual(bytes, expected)) matched = true;
  }
  if (!matched) throw new WebhookVerificationError('invalid_signature', 'no webhook-signature matches');

  return JSON.parse(payload) as T;
}
