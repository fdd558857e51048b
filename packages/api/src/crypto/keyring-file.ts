import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError } from '../config.js';
import { formatSecretKeys, generateSecretKey, parseSecretKeys, SecretKeyring } from './secret-keyring.js';

/** Where the embedded default keeps the key it generated (beside its database). */
export const keyFilePath = (dataDir: string) => path.join(dataDir, 'secret-keys');

/**
 * The operator's keys (`INFOVIEW_SECRET_KEYS`); or, for the embedded default only, a key kept in
 * `DATA_DIR/secret-keys` (generated on first start, mode 0600). With PostgreSQL the key must be
 * given: every API process and the worker must share it, which a local file cannot promise.
 */
export function resolveSecretKeyring(
  config: Pick<Config, 'secretKeys' | 'databaseUrl' | 'dataDir'>,
): SecretKeyring {
  if (config.secretKeys.length > 0) return new SecretKeyring(config.secretKeys);
  if (config.databaseUrl) {
    throw new ConfigError(
      'INFOVIEW_SECRET_KEYS',
      'is required with DATABASE_URL (every API process and the worker must share it); e.g. "k1:$(openssl rand -base64 32)"',
    );
  }
  const file = keyFilePath(config.dataDir);
  try {
    return new SecretKeyring(parseSecretKeys(readFileSync(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const keys = [generateSecretKey('local1')];
  // 'wx': two processes starting at once cannot both write a key; the loser reads the winner's.
  try {
    writeFileSync(file, `${formatSecretKeys(keys)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return new SecretKeyring(parseSecretKeys(readFileSync(file, 'utf8')));
  }
  return new SecretKeyring(keys);
}
