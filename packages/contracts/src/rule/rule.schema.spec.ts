import { describe, expect, it } from 'vitest';
import { zodIssues } from '../errors/validation-error.js';
import { boundedRuleSchema, ruleSchema, type Rule } from './rule.schema.js';

function issuesOf(rule: unknown) {
  const result = boundedRuleSchema.safeParse(rule);
  return result.success ? [] : zodIssues(result.error, 'rule');
}

describe('rule schema', () => {
  it('accepts the rule language of DESIGN.md', () => {
    const rule: Rule = {
      all: [
        { attribute: 'plan', op: 'eq', value: 'pro' },
        { not: { attribute: 'email', op: 'missing' } },
        {
          any: [
            {
              event: 'Order Completed',
              where: [{ property: 'total', op: 'gte', value: 10 }],
              aggregate: { fn: 'sum', property: 'total' },
              op: 'gt',
              value: 100,
              window: { lastDays: 90 },
            },
            { event: 'Order Completed', measure: 'daysSinceLast', op: 'lte', value: 30 },
          ],
        },
      ],
    };
    expect(ruleSchema.parse(rule)).toEqual(rule);
  });

  it('names the exact field that is wrong', () => {
    expect(
      issuesOf({
        all: [
          { attribute: 'plan', op: 'eq', value: 'x' },
          { attribute: 'a', op: 'nope' },
        ],
      }),
    ).toEqual([expect.objectContaining({ field: 'rule.all[1].op' })]);
    expect(
      issuesOf({ any: [{ event: 'x', aggregate: { fn: 'sum' }, op: 'gt', value: 1 }] }),
    ).toEqual([expect.objectContaining({ field: 'rule.any[0].aggregate.property' })]);
    expect(issuesOf({ attribute: 'a', op: 'between', value: 3 })).toEqual([
      expect.objectContaining({
        field: 'rule.value',
        message: 'operator "between" needs [low, high]',
      }),
    ]);
  });

  it('refuses unknown fields and unknown rule shapes', () => {
    expect(issuesOf({ attribute: 'a', op: 'eq', value: 1, extra: true })).toEqual([
      { field: 'rule.extra', message: 'is not a known field' },
    ]);
    expect(issuesOf({ foo: 1 })[0]?.message).toContain('is not a rule');
  });

  it('refuses names that are not plain field paths', () => {
    expect(issuesOf({ attribute: "a'; drop table x; --", op: 'eq', value: 1 })[0]?.field).toBe(
      'rule.attribute',
    );
  });

  it('enforces the depth limit', () => {
    let rule: Rule = { attribute: 'a', op: 'exists' };
    for (let i = 0; i < 40; i++) rule = { not: rule };
    expect(issuesOf(rule)[0]?.message).toContain('nesting depth');
  });
});
