import type { Rule } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { fakeContext } from './action-test-context.testing.js';
import { conditionBranchAction } from './condition-branch.action.js';

const vip: Rule = { attribute: 'plan', op: 'eq', value: 'vip' };
const buyer: Rule = {
  event: 'Order Completed',
  aggregate: { fn: 'count' },
  op: 'gte',
  value: 1,
  window: { lastDays: 30 },
};
const config = {
  branches: [
    { key: 'vip', label: 'VIPs', rule: vip },
    { key: 'recent_buyer', label: 'Bought lately', rule: buyer },
  ],
};

function issues(raw: unknown): { path: string; message: string }[] {
  const parsed = conditionBranchAction.parseConfig(raw);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('condition_branch', () => {
  it('takes the first branch whose rule matches, trying them in order', async () => {
    const both = fakeContext({ matches: () => true });
    expect(await conditionBranchAction.run(both.ctx, config)).toEqual({
      kind: 'continue',
      output: 'vip',
    });
    expect(both.rulesChecked).toEqual([vip]);

    const second = fakeContext({ matches: (rule) => 'event' in rule });
    expect(await conditionBranchAction.run(second.ctx, config)).toEqual({
      kind: 'continue',
      output: 'recent_buyer',
    });
    expect(second.rulesChecked).toEqual([vip, buyer]);
  });

  it('leaves through "else" when nothing matches', async () => {
    const { ctx, rulesChecked, calls } = fakeContext({ matches: () => false });
    expect(await conditionBranchAction.run(ctx, config)).toEqual({
      kind: 'continue',
      output: 'else',
    });
    expect(rulesChecked).toEqual([vip, buyer]);
    expect(calls).toEqual([]);
  });

  it('has the branch keys then "else" as outputs', () => {
    expect(conditionBranchAction.staticOutputs).toBe('dynamic');
    const parsed = conditionBranchAction.parseConfig(config);
    expect(parsed.success && conditionBranchAction.outputsFor(parsed.data)).toEqual([
      'vip',
      'recent_buyer',
      'else',
    ]);
  });

  it('refuses duplicate keys, the key "else" and bad keys', () => {
    expect(
      issues({
        branches: [
          { key: 'vip', label: 'A', rule: vip },
          { key: 'vip', label: 'B', rule: vip },
          { key: 'else', label: 'C', rule: vip },
        ],
      }),
    ).toEqual([
      {
        path: 'branches.1.key',
        message: '"vip" is already the key of branch 1; keys must be unique',
      },
      {
        path: 'branches.2.key',
        message: '"else" is reserved for the node\'s own output; choose another key',
      },
    ]);
    expect(issues({ branches: [{ key: 'Big Spenders', label: 'A', rule: vip }] })).toEqual([
      expect.objectContaining({ path: 'branches.0.key' }),
    ]);
  });

  it('validates each rule with the rule language, at the exact field', () => {
    expect(
      issues({
        branches: [{ key: 'a', label: 'A', rule: { all: [vip, { attribute: 'x', op: 'nope' }] } }],
      }),
    ).toEqual([expect.objectContaining({ path: 'branches.0.rule.all.1.op' })]);
    expect(issues({ branches: [] })).toEqual([
      { path: 'branches', message: 'needs at least one branch' },
    ]);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ key: `b${i}`, label: 'x', rule: vip }));
    expect(issues({ branches: eleven })).toEqual([
      { path: 'branches', message: 'at most 10 branches' },
    ]);
  });

  it('renders the rule with the rule widget', () => {
    const schema = conditionBranchAction.configJsonSchema as {
      properties: { branches: { items: { properties: Record<string, Record<string, unknown>> } } };
    };
    expect(schema.properties.branches.items.properties['rule']?.['x-widget']).toBe('rule');
    // How the editor derives the outputs: the keys of `branches`, then "else".
    expect(conditionBranchAction.configJsonSchema['x-outputs']).toEqual({
      from: 'branches',
      key: 'key',
      label: 'label',
      extra: [{ key: 'else', label: 'Everyone else' }],
    });
  });
});
