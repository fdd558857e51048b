import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { keyFilePath, resolveSecretKeyring } from '../../src/crypto/keyring-file.js';
import { generateSecretKey, parseSecretKeys, SecretKeyring } from '../../src/crypto/secret-keyring.js';

const a = generateSecretKey('a');
const b = generateSecretKey('b');

describe('SecretKeyring (AES-256-GCM)', () => {
  it('seals with the first key, stores its id with the ciphertext, opens with any key it holds', () => {
    const sealed = new SecretKeyring([a]).seal('whsec_top');
    expect(sealed).toMatch(/^sealed:v1:a:[\w-]{16}:[\w-]+$/);
    expect(sealed).not.toContain('whsec_top');
    expect(new SecretKeyring([b, a]).open(sealed)).toBe('whsec_top');
    expect(new SecretKeyring([a]).seal('whsec_top')).not.toBe(sealed); // a fresh IV each time
  });

  it('refuses a tampered value, a value relabelled with another key id, and an unknown key by name', () => {
    const ring = new SecretKeyring([a, b]);
    const sealed = ring.seal('whsec_top');
    const body = sealed.split(':')[4]!;
    const flipped = `${body[0] === 'A' ? 'B' : 'A'}${body.slice(1)}`;
    expect(() => ring.open(sealed.replace(body, flipped))).toThrow();
    expect(() => ring.open(sealed.replace(':a:', ':b:'))).toThrow();
    expect(() => new SecretKeyring([b]).open(sealed)).toThrow('secret key "a" is not configured');
  });

  it('keyed hashes depend on the operator key, so a backup alone cannot test guesses', () => {
    const one = new SecretKeyring([a]).keyedHash('my-chosen-admin-key-1234');
    expect(one).toMatch(/^hmac:[0-9a-f]{64}$/);
    expect(new SecretKeyring([a]).keyedHash('my-chosen-admin-key-1234')).toBe(one);
    expect(new SecretKeyring([b]).keyedHash('my-chosen-admin-key-1234')).not.toBe(one);
  });

  it('parses INFOVIEW_SECRET_KEYS and names what is wrong', () => {
    const raw = `k2:${b.key.toString('base64')}, k1:${a.key.toString('base64')}`;
    expect(parseSecretKeys(raw).map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(() => loadConfig({ INFOVIEW_SECRET_KEYS: 'k1:c2hvcnQ=' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({ INFOVIEW_SECRET_KEYS: `k1:${a.key.toString('base64')},k1:${b.key.toString('base64')}` }),
    ).toThrow('key ids must differ');
    expect(() => loadConfig({ INFOVIEW_SECRET_KEYS: 'no-colon' })).toThrow(ConfigError);
  });
});

describe('resolveSecretKeyring', () => {
  it('requires the operator key with PostgreSQL', () => {
    expect(() =>
      resolveSecretKeyring({ secretKeys: [], databaseUrl: 'postgres://x/y', dataDir: '/nonexistent' }),
    ).toThrow(/INFOVIEW_SECRET_KEYS: is required with DATABASE_URL/);
  });

  it('the embedded default generates its key once in DATA_DIR (mode 0600) and keeps it', () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'iv-keys-')), 'data');
    const first = resolveSecretKeyring({ secretKeys: [], databaseUrl: undefined, dataDir });
    const file = keyFilePath(dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const sealed = first.seal('whsec_kept');
    const second = resolveSecretKeyring({ secretKeys: [], databaseUrl: undefined, dataDir });
    expect(second.open(sealed)).toBe('whsec_kept');
    expect(readFileSync(file, 'utf8')).toMatch(/^local1:/);
  });
});
