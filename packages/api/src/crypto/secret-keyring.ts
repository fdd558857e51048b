import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** One operator key: its id (stored beside every ciphertext it sealed) and 32 bytes. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

const PREFIX = 'sealed:v1:';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * The operator's keys for secrets at rest (webhook signing secrets): AES-256-GCM through
 * node:crypto, a fresh 96-bit IV per value, the key id stored with the ciphertext and bound to
 * it as associated data. The first key seals; every key opens, so a rotation is "add the new
 * key first, restart, let the reseal rewrite every value, then drop the old key".
 */
export class SecretKeyring {
  private readonly byId: Map<string, Buffer>;

  constructor(readonly keys: readonly SecretKey[]) {
    if (keys.length === 0) throw new Error('a keyring needs at least one key');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  get currentId(): string {
    return this.keys[0]!.id;
  }

  /** `sealed:v1:<key id>:<iv>:<ciphertext+tag>` (base64url). */
  seal(plaintext: string): string {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`infoview:${id}`));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}${id}:${iv.toString('base64url')}:${body.toString('base64url')}`;
  }

  /** The plaintext of a sealed value; throws naming the key id when that key is not configured. */
  open(sealed: string): string {
    const parts = sealed.slice(PREFIX.length).split(':');
    if (!isSealed(sealed) || parts.length !== 3) throw new Error('not a sealed value');
    const [id, ivText, bodyText] = parts as [string, string, string];
    const key = this.byId.get(id);
    if (!key) throw new Error(`secret key "${id}" is not configured (INFOVIEW_SECRET_KEYS)`);
    const body = Buffer.from(bodyText, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
    decipher.setAAD(Buffer.from(`infoview:${id}`));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString(
      'utf8',
    );
  }

  /** True when the value is sealed with the current key (nothing to rewrite). */
  isCurrent(value: string): boolean {
    return value.startsWith(`${PREFIX}${this.currentId}:`);
  }

  /**
   * A keyed hash (HMAC-SHA256 under a key derived from the current operator key), for values a
   * person chose and that a backup alone must not let anyone brute-force.
   */
  keyedHash(value: string): string {
    return this.keyedHashes(value)[0]!;
  }

  /** {@link keyedHash} under every key, current first: finds a value hashed before a rotation. */
  keyedHashes(value: string): string[] {
    this.hashKeys ??= this.keys.map((k) =>
      Buffer.from(hkdfSync('sha256', k.key, '', 'infoview keyed hash v1', 32)),
    );
    return this.hashKeys.map((key) => `hmac:${createHmac('sha256', key).update(value).digest('hex')}`);
  }

  private hashKeys: Buffer[] | undefined;
}

export const isSealed = (value: string): boolean => value.startsWith(PREFIX);

/** A new random key (what the embedded default generates, and `openssl rand -base64 32` makes). */
export const generateSecretKey = (id: string): SecretKey => ({ id, key: randomBytes(32) });

export const formatSecretKeys = (keys: readonly SecretKey[]): string =>
  keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');

/** Parses `id:base64key,id:base64key` (the first seals); throws a plain Error naming the problem. */
export function parseSecretKeys(raw: string): SecretKey[] {
  const keys = raw
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '')
    .map((entry) => {
      const at = entry.indexOf(':');
      const id = entry.slice(0, at);
      const key = Buffer.from(entry.slice(at + 1), 'base64');
      if (at < 1 || !KEY_ID.test(id))
        throw new Error(`expected id:base64key entries, got "${id || entry.slice(0, 8)}…"`);
      if (key.length !== 32)
        throw new Error(`key "${id}" must be 32 bytes in base64 (openssl rand -base64 32)`);
      return { id, key };
    });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error('key ids must differ');
  return keys;
}
