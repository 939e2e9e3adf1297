import { describe, expect, it } from 'vitest';
import { MessageIdFilter } from './message-id-filter.js';

describe('MessageIdFilter', () => {
  it('never forgets an id it was given, across layers', () => {
    const filter = new MessageIdFilter(1000);
    const ids = Array.from({ length: 7000 }, (_, i) => `msg-${i}`);
    for (const id of ids) filter.add(id);
    expect(ids.every((id) => filter.mightHave(id))).toBe(true);
  });

  it('checkAndAdd answers whether the id may have been added before, then adds it', () => {
    const filter = new MessageIdFilter(1000);
    expect(filter.checkAndAdd('a')).toBe(false);
    expect(filter.checkAndAdd('a')).toBe(true);
    expect(filter.mightHave('a')).toBe(true);
  });

  it('rarely claims an id it was not given (under 1 % per layer)', () => {
    const filter = new MessageIdFilter(10_000);
    for (let i = 0; i < 10_000; i++) filter.add(`seen-${i}`);
    let falsePositives = 0;
    for (let i = 0; i < 20_000; i++) if (filter.mightHave(`other-${i}`)) falsePositives += 1;
    expect(falsePositives / 20_000).toBeLessThan(0.01);
    expect(filter.mightHave('never')).toBe(false);
  });

  it('grows by doubling layers: millions of ids in a few MB', () => {
    const filter = new MessageIdFilter(1_000_000);
    for (let i = 0; i < 3_000_001; i++) filter.add(`x${i}`);
    // 1M + 2M + 4M capacities at 16 bits each.
    expect(filter.memoryBytes).toBeLessThan(15_000_000);
  });
});
