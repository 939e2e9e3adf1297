import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SECRETS_KEY_BYTES } from './secret-box.js';

export const SECRETS_KEY_FILE = 'secrets.key';

/** Where the key came from, for the start-up warning. */
export type SecretsKeySource =
  { kind: 'config' } | { kind: 'file'; path: string; created: boolean };

export interface LoadedSecretsKey {
  key: Buffer;
  source: SecretsKeySource;
}

/**
 * The key that seals workspace secrets: SECRETS_KEY when set (validated by the config
 * schema), else DATA_DIR/secrets.key, created with a new random key on the first start
 * (mode 0600). Several processes starting at once agree on one key: the file is written
 * under a temporary name and linked into place, and whoever loses the race reads the
 * winner's.
 */
export function loadSecretsKey(configured: string | undefined, dataDir: string): LoadedSecretsKey {
  if (configured) return { key: Buffer.from(configured, 'base64'), source: { kind: 'config' } };
  const path = resolve(dataDir, SECRETS_KEY_FILE);
  const existing = readKeyFile(path);
  if (existing) return { key: existing, source: { kind: 'file', path, created: false } };
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = join(dirname(path), `.${SECRETS_KEY_FILE}.${process.pid}.${Date.now()}`);
  writeFileSync(temporary, `${randomBytes(SECRETS_KEY_BYTES).toString('base64')}\n`, {
    mode: 0o600,
    flag: 'wx',
  });
  let created = true;
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    created = false;
  } finally {
    unlinkSync(temporary);
  }
  const key = readKeyFile(path);
  if (!key) throw new Error(`${path} does not hold a secrets key`);
  return { key, source: { kind: 'file', path, created } };
}

function readKeyFile(path: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const key = Buffer.from(text, 'base64');
  if (key.length !== SECRETS_KEY_BYTES)
    throw new Error(
      `${path} must hold base64 of ${SECRETS_KEY_BYTES} bytes (it holds ${key.length}); restore it or set SECRETS_KEY`,
    );
  return key;
}

/** The start-up warning for a key that is not in the configuration, or null. */
export function secretsKeyWarning(source: SecretsKeySource): string | null {
  switch (source.kind) {
    case 'config':
      return null;
    case 'file':
      return source.created
        ? `SECRETS_KEY is not set: generated a new key in ${source.path}. Workspace secrets are sealed with it; back the file up (or set SECRETS_KEY to its content): without it they cannot be read.`
        : `SECRETS_KEY is not set: workspace secrets are sealed with the key in ${source.path}. Keep that file with the database, or set SECRETS_KEY to its content.`;
    default: {
      const never: never = source;
      throw new Error(`unknown key source ${JSON.stringify(never)}`);
    }
  }
}
