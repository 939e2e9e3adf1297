import { describe, expect, it } from 'vitest';
import { eventTitle, propertySummary, shortValue, sortedTraits } from './event-summary';

describe('event summary', () => {
  it('names identify events and shortens values', () => {
    expect(eventTitle('$identify')).toBe('Profile updated');
    expect(eventTitle('Order Completed')).toBe('Order Completed');
    expect(shortValue([{ sku: 'a' }, { sku: 'b' }])).toBe('2 items');
    expect(shortValue(['a', 'b'])).toBe('a, b');
    expect(shortValue(true)).toBe('yes');
    expect(shortValue(null)).toBe('—');
    expect(shortValue('x'.repeat(80), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(shortValue({ city: 'Seoul' })).toBe('{"city":"Seoul"}');
  });

  it('summarises properties and sorts traits names first', () => {
    expect(propertySummary({ total: 10, currency: 'USD', products: [{}] })).toEqual([
      { key: 'total', value: '10' },
      { key: 'currency', value: 'USD' },
      { key: 'products', value: '1 item' },
    ]);
    expect(sortedTraits({ plan: 'gold', email: 'a@b', first_name: 'Ada', age: 3 })).toEqual([
      ['first_name', 'Ada'],
      ['email', 'a@b'],
      ['age', 3],
      ['plan', 'gold'],
    ]);
  });
});
