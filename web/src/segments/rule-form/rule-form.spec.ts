import type { Rule } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { formToRule, parseScalar, ruleToForm } from './rule-form.convert';
import { emptyRow, type RuleFormState } from './rule-form.model';
import { issuePathToErrorKey, parseFieldPath, validateRuleForm } from './rule-form.validate';

function keys() {
  let n = 0;
  return () => `t${++n}`;
}

const vip: Rule = {
  all: [
    {
      event: 'Order Completed',
      aggregate: { fn: 'sum', property: 'total' },
      op: 'gte',
      value: 1000000,
    },
    { event: 'Visit', aggregate: { fn: 'count' }, op: 'gte', value: 10, window: { lastDays: 365 } },
  ],
};

const mixed: Rule = {
  any: [
    { attribute: 'plan', op: 'in', value: ['gold', 'silver'] },
    { attribute: 'age', op: 'between', value: [18, 30] },
    { attribute: 'email', op: 'exists' },
    { attribute: 'vip', op: 'eq', value: true },
    { attribute: 'zip', op: 'eq', value: '01234' },
    { attribute: 'registered_at', op: 'withinLastDays', value: 30 },
    { event: 'Visit', measure: 'daysSinceLast', op: 'gte', value: 180 },
    {
      event: 'Order Completed',
      where: [
        { property: 'currency', op: 'eq', value: 'KRW' },
        { property: 'coupon', op: 'missing' },
      ],
      aggregate: { fn: 'count' },
      op: 'gt',
      value: 2,
    },
  ],
};

describe('rule <-> form', () => {
  it('round-trips rules the form can show', () => {
    for (const rule of [vip, mixed, { all: [] } as Rule]) {
      const form = ruleToForm(rule, keys());
      expect(form).not.toBeNull();
      const back = formToRule(form as RuleFormState);
      expect(back).toEqual({ ok: true, rule });
    }
  });

  it('round-trips forms (form -> rule -> form)', () => {
    const form = ruleToForm(mixed, keys()) as RuleFormState;
    const built = formToRule(form);
    expect(built.ok).toBe(true);
    expect(ruleToForm(built.rule, keys())).toEqual(form);
  });

  it('shows a bare condition as an ALL group of one', () => {
    const form = ruleToForm({ attribute: 'plan', op: 'eq', value: 'gold' }, keys());
    expect(form?.combinator).toBe('all');
    expect(form?.rows).toHaveLength(1);
  });

  it('refuses rules the form cannot show', () => {
    const unsupported: Rule[] = [
      { not: { attribute: 'plan', op: 'exists' } },
      { all: [{ any: [] }] },
      { all: [{ event: 'Visit', measure: 'daysSinceFirst', op: 'gt', value: 3 }] },
      { all: [{ event: 'Visit', aggregate: { fn: 'count' }, op: 'between', value: [1, 2] }] },
      {
        all: [
          {
            event: 'Visit',
            aggregate: { fn: 'count' },
            op: 'gt',
            value: 1,
            window: { from: '2024-01-01', to: '2024-02-01' },
          },
        ],
      },
      { all: [{ attribute: 'tags', op: 'in', value: ['a,b'] }] },
      { all: [{ attribute: 'x', op: 'in', value: [1, 'a'] }] },
    ];
    for (const rule of unsupported) expect(ruleToForm(rule, keys())).toBeNull();
  });

  it('builds the documented shapes from new rows', () => {
    const aggregate = {
      ...emptyRow('eventAggregate', 'a'),
      event: 'Order Completed',
      windowDays: '30',
    };
    const days = { ...emptyRow('daysSinceLast', 'b'), event: 'Visit' };
    expect(formToRule({ combinator: 'any', rows: [aggregate, days] })).toEqual({
      ok: true,
      rule: {
        any: [
          {
            event: 'Order Completed',
            aggregate: { fn: 'count' },
            op: 'gte',
            value: 1,
            window: { lastDays: 30 },
          },
          { event: 'Visit', measure: 'daysSinceLast', op: 'gte', value: 30 },
        ],
      },
    });
  });
});

describe('parseScalar', () => {
  it('reads numbers and booleans in auto mode but keeps leading zeros as text', () => {
    expect(parseScalar('42', 'auto')).toEqual({ ok: true, value: 42 });
    expect(parseScalar('-1.5', 'auto')).toEqual({ ok: true, value: -1.5 });
    expect(parseScalar('007', 'auto')).toEqual({ ok: true, value: '007' });
    expect(parseScalar('true', 'auto')).toEqual({ ok: true, value: true });
    expect(parseScalar('', 'auto').ok).toBe(false);
    expect(parseScalar('12', 'text')).toEqual({ ok: true, value: '12' });
    expect(parseScalar('x', 'number').ok).toBe(false);
    expect(parseScalar('No', 'boolean')).toEqual({ ok: true, value: false });
  });
});

describe('validateRuleForm', () => {
  it('reports parse errors and schema errors on the right fields', () => {
    const form: RuleFormState = {
      combinator: 'all',
      rows: [
        { ...emptyRow('attribute', 'a1'), attribute: '', value: 'gold' },
        { ...emptyRow('eventAggregate', 'e1'), event: 'Order Completed', fn: 'sum', value: 'lots' },
        { ...emptyRow('daysSinceLast', 'd1'), event: '' },
        {
          ...emptyRow('eventAggregate', 'e2'),
          event: 'Order Completed',
          windowDays: '0',
          filters: [
            {
              key: 'f1',
              property: 'bad/name',
              op: 'eq',
              valueType: 'auto',
              value: 'x',
              valueTo: '',
            },
          ],
        },
      ],
    };
    const result = validateRuleForm(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['a1.attribute']).toBe('must not be empty');
    expect(result.errors['e1.value']).toBe('must be a number');
    expect(result.errors['e1.property']).toMatch(/must not be empty|property/);
    expect(result.errors['d1.event']).toBe('must not be empty');
    expect(result.errors['e2.windowDays']).toBeDefined();
    expect(result.errors['e2.filters.f1.property']).toMatch(/letters/);
  });

  it('accepts a valid form and returns the rule', () => {
    const form = ruleToForm(vip, keys()) as RuleFormState;
    expect(validateRuleForm(form)).toEqual({ ok: true, rule: vip });
  });
});

describe('server field paths', () => {
  it('parses the API field format and maps it to the form', () => {
    expect(parseFieldPath('rule.all[0].where[1].value')).toEqual([
      'rule',
      'all',
      0,
      'where',
      1,
      'value',
    ]);
    expect(parseFieldPath('rule.any.2.op')).toEqual(['rule', 'any', 2, 'op']);
    const form: RuleFormState = {
      combinator: 'all',
      rows: [
        {
          ...emptyRow('eventAggregate', 'e1'),
          filters: [
            { key: 'f0', property: 'a', op: 'eq', valueType: 'auto', value: '1', valueTo: '' },
            { key: 'f1', property: 'b', op: 'eq', valueType: 'auto', value: '1', valueTo: '' },
          ],
        },
      ],
    };
    expect(issuePathToErrorKey(form, parseFieldPath('rule.all[0].where[1].value').slice(1))).toBe(
      'e1.filters.f1.value',
    );
    expect(issuePathToErrorKey(form, ['all', 0, 'window', 'lastDays'])).toBe('e1.windowDays');
    expect(issuePathToErrorKey(form, [])).toBe('rule');
  });
});
