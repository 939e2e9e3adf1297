import { describe, expect, it } from 'vitest';
import { DYNAMIC_OUTPUT_DEFAULTS } from '@switchyard/contracts';
import { newArrayItem, sharesTotal } from './array-items';
import { deriveFields } from './schema-fields';

const splitSchema = {
  type: 'object',
  properties: {
    branches: {
      type: 'array',
      minItems: 2,
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          label: { type: 'string' },
          percent: { type: 'number', default: 0 },
        },
      },
    },
    holdoutPercent: { type: 'number' },
    rule: { type: 'object', 'x-widget': 'rule' },
    audienceId: { type: 'string', 'x-widget': 'audience' },
  },
};

describe('list settings', () => {
  const fields = deriveFields(splitSchema);
  const branches = fields.find((f) => f.name === 'branches');

  it('derives object lists, rules and references', () => {
    expect(fields.map((f) => f.kind)).toEqual(['array', 'number', 'rule', 'reference']);
    expect(branches?.kind === 'array' && branches.minItems).toBe(2);
  });

  it('adds an item with a fresh key, a label and the defaults', () => {
    if (branches?.kind !== 'array') throw new Error('not a list');
    const items = [{ key: 'branch_1' }, { key: 'branch_3' }];
    expect(newArrayItem(branches, items, 'key')).toEqual({
      key: 'branch_4',
      label: 'Branch 3',
      percent: 0,
    });
  });

  it('adds up the shares of a random split with its holdout', () => {
    const rule = DYNAMIC_OUTPUT_DEFAULTS['random_split'];
    if (!rule) throw new Error('no rule');
    const items = [{ percent: 45 }, { percent: 45 }];
    expect(sharesTotal(items, { holdoutPercent: 10 }, rule)).toEqual({
      text: 'Branches 90% + holdout 10% = 100%',
      ok: true,
    });
    expect(sharesTotal(items, { holdoutPercent: 0 }, rule)).toEqual({
      text: 'Branches 90% = 90% (must be 100%)',
      ok: false,
    });
  });
});
