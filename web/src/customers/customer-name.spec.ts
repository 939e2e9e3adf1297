import { describe, expect, it } from 'vitest';
import { customerName } from './customer-name';

describe('customerName', () => {
  it('prefers the name trait, then first and last name, then e-mail', () => {
    expect(customerName({ name: 'Grace Hopper', first_name: 'G' })).toBe('Grace Hopper');
    expect(customerName({ first_name: 'Ada', last_name: 'Lovelace' })).toBe('Ada Lovelace');
    expect(customerName({ last_name: 'Lovelace' })).toBe('Lovelace');
    expect(customerName({ email: 'a@b.c', name: ' ' })).toBe('a@b.c');
    expect(customerName({ name: 42 })).toBeNull();
  });
});
