import { describe, expect, it } from 'vitest';
import { firstErrorText } from './rule-form.errors';

describe('firstErrorText', () => {
  it('names the first field, in tree and field order, of the first condition with a problem', () => {
    const order = ['root', 'k1', 'k2'];
    expect(firstErrorText({}, order)).toBeNull();
    expect(
      firstErrorText(
        { 'k2.attribute': 'x', 'k1.value': 'needs a value', 'k1.attribute': 'must not be empty' },
        order,
      ),
    ).toBe('Trait: must not be empty');
    expect(
      firstErrorText({ 'k1.filters.f1.value': 'must be a number', 'k1.window': 'bad' }, order),
    ).toBe('Time window: bad');
    expect(firstErrorText({ 'k1.filters.f1.value': 'must be a number' }, order)).toBe(
      'Filter value: must be a number',
    );
    expect(firstErrorText({ rule: '600 conditions exceed the limit of 500' }, order)).toBe(
      '600 conditions exceed the limit of 500',
    );
  });
});
