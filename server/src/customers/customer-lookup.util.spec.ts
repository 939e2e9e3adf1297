import { describe, expect, it } from 'vitest';
import { customerKeys } from './customer-lookup.util.js';

describe('customerKeys', () => {
  it('tries digits as the internal id first, then as an external id', () => {
    expect(customerKeys('42', 'auto')).toEqual([
      { column: 'id', value: '42' },
      { column: 'external_id', value: '42' },
    ]);
    expect(customerKeys('user-42', 'auto')).toEqual([{ column: 'external_id', value: 'user-42' }]);
  });

  it('never casts what cannot be a bigint', () => {
    expect(customerKeys('0042', 'auto')).toEqual([{ column: 'external_id', value: '0042' }]);
    expect(customerKeys('9'.repeat(19), 'auto')).toEqual([
      { column: 'external_id', value: '9'.repeat(19) },
    ]);
    expect(customerKeys('abc', 'id')).toBeNull();
  });

  it('honours an explicit choice', () => {
    expect(customerKeys('42', 'externalId')).toEqual([{ column: 'external_id', value: '42' }]);
    expect(customerKeys('42', 'id')).toEqual([{ column: 'id', value: '42' }]);
  });
});
