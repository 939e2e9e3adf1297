import { describe, expect, it } from 'vitest';
import { fakeContext } from './action-test-context.testing.js';
import { convertTraitValue, updateAttributeAction } from './update-attribute.action.js';

describe('convertTraitValue', () => {
  it('converts to each type', () => {
    expect(convertTraitValue(' 42 ', 'string')).toEqual({ ok: true, value: ' 42 ' });
    expect(convertTraitValue(' -4.5e2 ', 'number')).toEqual({ ok: true, value: -450 });
    expect(convertTraitValue('true', 'boolean')).toEqual({ ok: true, value: true });
    expect(convertTraitValue(' false\n', 'boolean')).toEqual({ ok: true, value: false });
    expect(convertTraitValue('{"a":[1,null]}', 'json')).toEqual({
      ok: true,
      value: { a: [1, null] },
    });
  });

  it('refuses what is not of the type', () => {
    for (const text of ['', ' ', 'abc', '0x10', 'Infinity', '1e999', 'NaN', '1,5'])
      expect(convertTraitValue(text, 'number'), text).toEqual({
        ok: false,
        problem: 'is not a finite number',
      });
    for (const text of ['yes', 'TRUE', '1', ''])
      expect(convertTraitValue(text, 'boolean').ok, text).toBe(false);
    expect(convertTraitValue('{a: 1}', 'json')).toEqual({
      ok: false,
      problem: 'is not valid JSON',
    });
  });
});

describe('update_attribute', () => {
  it('renders the value, converts it and merges it into the traits', async () => {
    const { ctx, calls } = fakeContext({ traits: { visits: 4, name: 'Ada <3' } });
    expect(
      await updateAttributeAction.run(ctx, {
        trait: 'last_journey',
        value: '{{customer.traits.name}}',
      }),
    ).toEqual({ kind: 'continue' });
    await updateAttributeAction.run(ctx, {
      trait: 'score',
      value: '{{customer.traits.visits}}5',
      valueType: 'number',
    });
    await updateAttributeAction.run(ctx, { trait: 'vip', value: 'true', valueType: 'boolean' });
    await updateAttributeAction.run(ctx, {
      trait: 'address',
      value: '{"city": "Seoul"}',
      valueType: 'json',
    });
    expect(calls).toEqual([
      { effect: 'setTraits', traits: { last_journey: 'Ada <3' } },
      { effect: 'setTraits', traits: { score: 45 } },
      { effect: 'setTraits', traits: { vip: true } },
      { effect: 'setTraits', traits: { address: { city: 'Seoul' } } },
    ]);
  });

  it('fails for good when the value does not convert, naming the trait', async () => {
    const { ctx, calls } = fakeContext({ traits: { visits: 'many' } });
    await expect(
      updateAttributeAction.run(ctx, {
        trait: 'score',
        value: '{{customer.traits.visits}}',
        valueType: 'number',
      }),
    ).rejects.toMatchObject({
      name: 'FatalActionError',
      message: 'trait "score": "many" is not a finite number (type number)',
    });
    expect(calls).toEqual([]);
  });

  it('refuses nested and malformed trait names', () => {
    const messages = (trait: unknown) => {
      const parsed = updateAttributeAction.parseConfig({ trait, value: 'x' });
      return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
    };
    expect(messages('address.city')).toEqual([
      'must be a top-level trait (no "."); set a whole object with type "json"',
    ]);
    expect(messages('')).toContain('must not be empty');
    expect(messages('a/b')).toHaveLength(1);
    expect(messages('plan')).toEqual([]);
    expect(updateAttributeAction.defaults).toEqual({ valueType: 'string' });
  });
});
