import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  excerpt,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  resultOfAnswer,
} from './http-outcome.util.js';

const NOW = new Date('2024-05-01T10:00:00Z');
const answer = (status: number, body = '', headers: Record<string, string> = {}) => ({
  status,
  headers,
  body,
});

describe('resultOfAnswer', () => {
  it('sends on 2xx, retries 408, 429 and 5xx, fails everything else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), (status) => {
        const kind = resultOfAnswer(answer(status), NOW).kind;
        if (status >= 200 && status < 300) expect(kind).toBe('sent');
        else if (status === 408 || status === 429 || status >= 500) expect(kind).toBe('retry');
        else expect(kind).toBe('failed');
      }),
    );
  });

  it('keeps the status and an excerpt of the answer', () => {
    expect(resultOfAnswer(answer(400, '{"error":\n  "bad"}'), NOW)).toEqual({
      kind: 'failed',
      error: 'HTTP 400: {"error": "bad"}',
    });
    expect(resultOfAnswer(answer(302), NOW)).toEqual({
      kind: 'failed',
      error: 'HTTP 302 (redirects are not followed)',
    });
    expect(resultOfAnswer(answer(503, '', { 'retry-after': '7' }), NOW)).toEqual({
      kind: 'retry',
      error: 'HTTP 503',
      retryAfterMs: 7000,
    });
  });

  it("takes the provider's message id from a JSON answer", () => {
    const json = { 'content-type': 'application/json; charset=utf-8' };
    expect(resultOfAnswer(answer(200, '{"sid":"SM1"}', json), NOW)).toEqual({
      kind: 'sent',
      providerMessageId: 'SM1',
    });
    expect(resultOfAnswer(answer(202, '{"ok":true}', json), NOW)).toEqual({
      kind: 'sent',
      providerMessageId: 'HTTP 202',
    });
    expect(resultOfAnswer(answer(200, '{"id":"x"}'), NOW)).toMatchObject({
      providerMessageId: 'HTTP 200',
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, caps long waits and ignores nonsense', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', NOW)).toBe(0);
    expect(parseRetryAfter('999999', NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('excerpt', () => {
  it('is one line of at most 200 characters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 1000 }), (text) => {
        const line = excerpt(text);
        expect(line.length).toBeLessThanOrEqual(200);
        expect(line).not.toMatch(/[\r\n]/);
      }),
    );
  });
});
