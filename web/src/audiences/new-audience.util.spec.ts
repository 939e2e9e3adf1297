import type { AudienceView } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { parseIdList, savedMessage } from './new-audience.util';

const audience = (size: number): AudienceView => ({
  id: 'a',
  name: 'Spring',
  description: null,
  size,
  source: null,
  createdAt: '2026-12-06T00:00:00.000Z',
});

describe('parseIdList', () => {
  it('splits on lines and commas, trims, and drops blanks and repeats', () => {
    expect(parseIdList(' ada, grace\n\nlinus ,ada\r\n  ')).toEqual(['ada', 'grace', 'linus']);
    expect(parseIdList(' \n , ')).toEqual([]);
  });
});

describe('savedMessage', () => {
  it('counts the customers, and the ids that matched nobody', () => {
    expect(savedMessage(audience(1), null)).toBe('Saved “Spring” with 1 customer.');
    expect(savedMessage(audience(2), 2)).toBe('Saved “Spring” with 2 customers.');
    expect(savedMessage(audience(2), 3)).toBe(
      'Saved “Spring” with 2 customers; 1 of the 3 ids matched no customer.',
    );
  });
});
