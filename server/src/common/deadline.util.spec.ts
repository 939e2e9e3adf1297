import { describe, expect, it } from 'vitest';
import { withinTime } from './deadline.util.js';

describe('withinTime', () => {
  it('answers what the work answers in time, value or error', async () => {
    await expect(withinTime(Promise.resolve(3), 1000, 'late')).resolves.toBe(3);
    await expect(withinTime(4, 1000, 'late')).resolves.toBe(4);
    await expect(withinTime(Promise.reject(new Error('no')), 1000, 'late')).rejects.toThrow('no');
  });

  it('fails with the message once the time is up', async () => {
    const never = new Promise<number>(() => undefined);
    const started = Date.now();
    await expect(withinTime(never, 30, 'took too long')).rejects.toThrow('took too long');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
