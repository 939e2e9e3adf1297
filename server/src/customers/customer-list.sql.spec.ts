import { describe, expect, it } from 'vitest';
import { containsPattern } from './customer-list.sql.js';

describe('containsPattern', () => {
  it('wraps the text and escapes ILIKE wildcards', () => {
    expect(containsPattern('ada')).toBe('%ada%');
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
