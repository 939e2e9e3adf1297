import { describe, expect, it } from 'vitest';
import { apiKeyFromHeader, generateApiKey, hashApiKey } from './api-key.util.js';

describe('api keys', () => {
  it('reads Bearer and Basic (key as user name)', () => {
    expect(apiKeyFromHeader('Bearer sk_abc')).toBe('sk_abc');
    const basic = Buffer.from('sk_abc:').toString('base64');
    expect(apiKeyFromHeader(`Basic ${basic}`)).toBe('sk_abc');
    expect(apiKeyFromHeader('Digest x')).toBeNull();
    expect(apiKeyFromHeader(undefined)).toBeNull();
    expect(apiKeyFromHeader(`Basic ${Buffer.from(':pw').toString('base64')}`)).toBeNull();
  });

  it('hashes deterministically and generates distinct keys', () => {
    const a = generateApiKey();
    expect(a).toMatch(/^sk_[A-Za-z0-9_-]{32}$/);
    expect(generateApiKey()).not.toBe(a);
    expect(hashApiKey(a)).toBe(hashApiKey(a));
    expect(hashApiKey(a)).toHaveLength(64);
  });
});
