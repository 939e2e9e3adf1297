import { createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox, SecretUnreadableError } from './secret-box.js';

describe('SecretBox', () => {
  const key = randomBytes(32);
  const box = new SecretBox(key);

  it('seals into a v1: AES-256-GCM value that opens with the same key and context', () => {
    const sealed = box.seal('hook-secret ✓', 'workspace:a:signing_secret');
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(sealed).not.toContain('hook-secret');
    expect(box.open(sealed, 'workspace:a:signing_secret')).toBe('hook-secret ✓');
    // The format is plain AES-256-GCM: iv (12) | tag (16) | ciphertext, context as AAD.
    const raw = Buffer.from(sealed.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from('workspace:a:signing_secret'));
    decipher.setAuthTag(raw.subarray(12, 28));
    expect(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString()).toBe(
      'hook-secret ✓',
    );
  });

  it('uses a new IV each time', () => {
    expect(box.seal('x', 'c')).not.toBe(box.seal('x', 'c'));
  });

  it('refuses another key, another context, an altered value and plaintext', () => {
    const sealed = box.seal('s3cret', 'workspace:a:secret:token');
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'workspace:a:secret:token')).toThrow(
      SecretUnreadableError,
    );
    expect(() => box.open(sealed, 'workspace:b:secret:token')).toThrow(/does not open/);
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => box.open(`v1:${raw.toString('base64')}`, 'workspace:a:secret:token')).toThrow(
      SecretUnreadableError,
    );
    expect(() => box.open('s3cret', 'workspace:a:secret:token')).toThrow(/not sealed/);
    expect(() => box.open('v1:AAAA', 'x')).toThrow(/not sealed/);
    expect(SecretBox.isSealed('v1:not-really-sealed')).toBe(false);
    expect(SecretBox.isSealed(sealed)).toBe(true);
  });

  it('needs a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
