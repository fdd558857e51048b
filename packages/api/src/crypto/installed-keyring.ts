import type { SecretKeyring } from './secret-keyring.js';

// One keyring per process, installed at start (buildApp, the worker): the sealed columns of the
// schema read it on every read and write, so no query can forget to encrypt or decrypt.
let current: SecretKeyring | undefined;

export function installSecretKeyring(keyring: SecretKeyring): void {
  current = keyring;
}

export function secretKeyring(): SecretKeyring {
  if (!current) throw new Error('no secret keyring installed: call installSecretKeyring at start');
  return current;
}
