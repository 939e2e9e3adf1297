import { describe, expect, it } from 'vitest';
import { pageRange } from './pager.component';

describe('pageRange', () => {
  it('shows the range of rows on the page, counts grouped', () => {
    expect(pageRange(0, 50, 120)).toBe('1–50 of 120');
    expect(pageRange(100, 20, 120)).toBe('101–120 of 120');
    expect(pageRange(0, 2, 2)).toBe('1–2 of 2');
    expect(pageRange(50, 0, 0)).toBe('0 of 0');
    expect(pageRange(1000, 50, 12_345)).toBe('1,001–1,050 of 12,345');
  });
});
