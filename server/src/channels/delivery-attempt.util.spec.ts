import { describe, expect, it } from 'vitest';
import { type Attempt, attemptUpdates, fromHttp } from './delivery-attempt.util.js';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const one = (attempt: Attempt, final = false, retryDelayMs = 1000) => {
  const { updates, outcomes } = attemptUpdates([{ id: 'm', attempt, final, retryDelayMs }], NOW);
  return { update: updates[0], outcome: outcomes.get('m') };
};

describe('recording a delivery attempt', () => {
  it('marks a sent message sent, with nothing left to try', () => {
    const { update, outcome } = one({ kind: 'sent', providerMessageId: 'SM1' });
    expect(update).toEqual({
      id: 'm',
      status: 'sent',
      providerId: 'SM1',
      error: null,
      nextAttemptAt: null,
    });
    expect(outcome).toEqual({ kind: 'sent', providerMessageId: 'SM1' });
  });

  it('keeps a retried message pending until the backoff is over', () => {
    const { update, outcome } = one(
      { kind: 'failed', error: 'HTTP 503: busy', permanent: false },
      false,
      4000,
    );
    expect(update).toMatchObject({ status: 'pending', error: 'HTTP 503: busy' });
    expect(update?.nextAttemptAt?.getTime()).toBe(NOW + 4000);
    expect(outcome).toMatchObject({ kind: 'failed', retry: true });
  });

  it('waits for a Retry-After longer than the backoff, and only then', () => {
    const longer = one({ kind: 'failed', error: '429', permanent: false, retryAfterMs: 60_000 });
    expect(longer.update?.nextAttemptAt?.getTime()).toBe(NOW + 60_000);
    expect(longer.outcome).toMatchObject({ retry: true, retryAfterMs: 60_000 });
    const shorter = one({ kind: 'failed', error: '429', permanent: false, retryAfterMs: 10 });
    expect(shorter.update?.nextAttemptAt?.getTime()).toBe(NOW + 1000);
  });

  it('fails for good on a permanent error or the last attempt, with no next attempt', () => {
    for (const { update, outcome } of [
      one({ kind: 'failed', error: 'HTTP 400: bad', permanent: true }),
      one({ kind: 'failed', error: 'HTTP 503: busy', permanent: false }, true),
    ]) {
      expect(update).toMatchObject({ status: 'failed', nextAttemptAt: null, providerId: null });
      expect(outcome).toMatchObject({ kind: 'failed', retry: false });
    }
  });

  it('keeps the first 2,000 characters of a long error', () => {
    const { update } = one({ kind: 'failed', error: 'x'.repeat(5000), permanent: true });
    expect(update?.error).toHaveLength(2000);
  });

  it('reads an HTTP provider’s answers: retry (with its wait) or fail for good', () => {
    expect(fromHttp({ kind: 'retry', error: 'HTTP 429', retryAfterMs: 5000 })).toEqual({
      kind: 'failed',
      error: 'HTTP 429',
      permanent: false,
      retryAfterMs: 5000,
    });
    expect(fromHttp({ kind: 'failed', error: 'HTTP 410' })).toEqual({
      kind: 'failed',
      error: 'HTTP 410',
      permanent: true,
    });
  });
});
