import { describe, expect, it } from 'vitest';
import { generateSecretToken, hashSecretToken, linkFor } from './secret-token.util.js';

describe('secret tokens', () => {
  it('are 32 random bytes in base64url, never twice the same', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => generateSecretToken()));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('are stored as their SHA-256', () => {
    const token = generateSecretToken();
    expect(hashSecretToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecretToken(token)).toBe(hashSecretToken(token));
    expect(hashSecretToken(token)).not.toBe(hashSecretToken(`${token}x`));
  });

  it('puts the token in the fragment of the link', () => {
    expect(linkFor('https://sy.example.com/', 'reset', 'abc')).toBe(
      'https://sy.example.com/reset#token=abc',
    );
    expect(linkFor('http://localhost:3000', 'setup', 't')).toBe(
      'http://localhost:3000/setup#token=t',
    );
  });
});
