import { describe, expect, it } from 'vitest';
import { nextTryText } from './next-try';

describe('next try', () => {
  it('says when a waiting message is tried next', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    const at = (ms: number) => new Date(now + ms).toISOString();
    expect(nextTryText({ attempts: 0, nextAttemptAt: null }, now)).toBe('now');
    expect(nextTryText({ attempts: 2, nextAttemptAt: null }, now)).toBe('any moment');
    expect(nextTryText({ attempts: 1, nextAttemptAt: at(-500) }, now)).toBe('any moment');
    expect(nextTryText({ attempts: 1, nextAttemptAt: at(1_200) }, now)).toBe('in 2 s');
    expect(nextTryText({ attempts: 3, nextAttemptAt: at(59_000) }, now)).toBe('in 59 s');
    expect(nextTryText({ attempts: 1, nextAttemptAt: at(120_000) }, now)).toBe('in 2 min');
    expect(nextTryText({ attempts: 1, nextAttemptAt: at(2 * 3600_000) }, now)).not.toMatch(/^in /);
  });
});
