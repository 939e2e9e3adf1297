import { declaredOutputs } from '@switchyard/contracts';
import { testNodeType as view } from '@switchyard/contracts/testing';
import { describe, expect, it } from 'vitest';
import { initialConfig } from './node-defaults';

const keys = (specs: { key: string }[]) => specs.map((s) => s.key);

describe('new steps', () => {
  const branchItem = (extra: Record<string, unknown>) => ({
    type: 'object',
    properties: { key: { type: 'string' }, label: { type: 'string' }, ...extra },
  });

  it('start a random split with two even branches and a condition branch with one', () => {
    const split = view('random_split', {
      defaults: { holdoutPercent: 0 },
      configSchema: {
        type: 'object',
        properties: {
          branches: {
            type: 'array',
            minItems: 1,
            items: branchItem({ percent: { type: 'integer' } }),
          },
          holdoutPercent: { type: 'integer', default: 0 },
        },
      },
    });
    expect(initialConfig(split)).toEqual({
      holdoutPercent: 0,
      branches: [
        { key: 'branch_1', label: 'Branch 1', percent: 50 },
        { key: 'branch_2', label: 'Branch 2', percent: 50 },
      ],
    });
    const condition = view('condition_branch', {
      configSchema: {
        type: 'object',
        properties: {
          branches: { type: 'array', items: branchItem({ rule: { 'x-widget': 'rule' } }) },
        },
      },
    });
    const config = initialConfig(condition);
    expect(config).toEqual({ branches: [{ key: 'branch_1', label: 'Branch 1' }] });
    expect(keys(declaredOutputs({ nodeType: 'condition_branch', config }, condition))).toEqual([
      'branch_1',
      'else',
    ]);
    expect(declaredOutputs({ nodeType: 'random_split', config: {} }, split)).toEqual([]);
  });
});
