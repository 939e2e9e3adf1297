import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppConfig } from '../config/app-config.service.js';
import { loadSecretsKey, secretsKeyWarning } from './secrets-key.loader.js';

describe('loadSecretsKey', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-key-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('takes SECRETS_KEY from the configuration when set', () => {
    const key = randomBytes(32).toString('base64');
    const config = AppConfig.fromEnv({ SECRETS_KEY: key });
    const loaded = loadSecretsKey(config.values.SECRETS_KEY, tempDir());
    expect(loaded.key.toString('base64')).toBe(key);
    expect(loaded.source).toEqual({ kind: 'config' });
    expect(secretsKeyWarning(loaded.source)).toBeNull();
  });

  it('refuses a SECRETS_KEY that is not base64 of 32 bytes', () => {
    expect(() => AppConfig.fromEnv({ SECRETS_KEY: 'short' })).toThrow(
      /SECRETS_KEY: must be base64 of 32 bytes/,
    );
    expect(() => AppConfig.fromEnv({ SECRETS_KEY: randomBytes(16).toString('base64') })).toThrow(
      /SECRETS_KEY/,
    );
  });

  it('generates a key file once (0600) and reads it back on the next start', () => {
    const dir = join(tempDir(), 'nested', 'data');
    const first = loadSecretsKey(undefined, dir);
    expect(first.key).toHaveLength(32);
    expect(first.source).toMatchObject({ kind: 'file', created: true });
    expect(statSync(join(dir, 'secrets.key')).mode & 0o777).toBe(0o600);
    expect(secretsKeyWarning(first.source)).toMatch(/generated a new key/);
    const again = loadSecretsKey(undefined, dir);
    expect(again.key.equals(first.key)).toBe(true);
    expect(again.source).toMatchObject({ created: false });
    expect(secretsKeyWarning(again.source)).toMatch(/SECRETS_KEY is not set/);
    expect(readdirSync(dir)).toEqual(['secrets.key']);
  });

  it('refuses a damaged key file rather than making a new key', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secrets.key'), 'not a key');
    expect(() => loadSecretsKey(undefined, dir)).toThrow(/base64 of 32 bytes/);
  });
});
