import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signatureOf, signedHeaders, verifySignature, verifyWebhook } from './webhook-signature.js';

const NOW = new Date('2026-12-07T10:00:00.000Z');

describe('webhook signatures', () => {
  it('sign "<timestamp>.<body>" so that only the same secret, body and time verify', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (secret, body, other) => {
        const headers = signedHeaders(secret, body, NOW);
        const signature = headers['X-Switchyard-Signature'];
        const timestamp = headers['X-Switchyard-Timestamp'];
        expect(signature).toBe(signatureOf(secret, NOW.getTime() / 1000, body));
        expect(verifySignature(secret, body, signature, timestamp, NOW)).toBe(true);
        if (other !== body)
          expect(verifySignature(secret, other, signature, timestamp, NOW)).toBe(false);
        if (other !== secret)
          expect(verifySignature(other, body, signature, timestamp, NOW)).toBe(false);
      }),
    );
  });

  it('refuses a timestamp outside the tolerance, and missing or malformed headers', () => {
    const headers = signedHeaders('s', 'b', NOW);
    const signature = headers['X-Switchyard-Signature'];
    const timestamp = headers['X-Switchyard-Timestamp'];
    const late = new Date(NOW.getTime() + 301_000);
    expect(verifySignature('s', 'b', signature, timestamp, late)).toBe(false);
    expect(verifySignature('s', 'b', signature, timestamp, late, 600)).toBe(true);
    expect(verifySignature('s', 'b', undefined, timestamp, NOW)).toBe(false);
    expect(verifySignature('s', 'b', signature, '12.5', NOW)).toBe(false);
    expect(verifySignature('s', 'b', 'sha256=00', timestamp, NOW)).toBe(false);
  });

  it('reads the headers from Node (any case, arrays) or from Fetch Headers', () => {
    const sent = signedHeaders('key', '{"id":1}', NOW);
    const node = {
      'x-switchyard-signature': sent['X-Switchyard-Signature'],
      'x-switchyard-timestamp': [sent['X-Switchyard-Timestamp'] ?? ''],
    };
    expect(verifyWebhook({ secret: 'key', body: '{"id":1}', headers: node, now: NOW })).toBe(true);
    expect(verifyWebhook({ secret: 'key', body: '{"id":2}', headers: node, now: NOW })).toBe(false);
    const fetchHeaders = new Headers(sent);
    expect(
      verifyWebhook({ secret: 'key', body: '{"id":1}', headers: fetchHeaders, now: NOW }),
    ).toBe(true);
    expect(verifyWebhook({ secret: 'key', body: '{"id":1}', headers: {}, now: NOW })).toBe(false);
  });
});
