import type { Rule } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { formToRule } from './rule-form.convert';
import {
  emptyGroup,
  emptyRow,
  rowKindOfRuleKind,
  type GroupNode,
  type RuleFormState,
} from './rule-form.model';
import { ruleToForm } from './rule-form.read';
import { addCondition, addGroup, changeKind, removeNode, replaceNode } from './rule-form.update';
import { parseScalar } from './rule-form.values';
import { issuePathToErrorKey, parseFieldPath, validateRuleForm } from './rule-form.validate';

function keys() {
  let n = 0;
  return () => `t${++n}`;
}

const roundTrip = (rule: Rule) => formToRule(ruleToForm(rule, keys())).rule;

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

const nested: Rule = {
  all: [
    { attribute: 'plan', op: 'in', value: ['gold', 'silver'] },
    {
      any: [
        { attribute: 'age', op: 'between', value: [18, 30] },
        { event: 'Visit', measure: 'daysSinceLast', op: 'gte', value: 180 },
        { not: { any: [{ attribute: 'vip', op: 'eq', value: true }] } },
      ],
    },
    { not: { attribute: 'email', op: 'exists' } },
    {
      event: 'Order Completed',
      where: [
        { property: 'currency', op: 'eq', value: 'KRW' },
        { property: 'coupon', op: 'missing' },
      ],
      aggregate: { fn: 'count' },
      op: 'between',
      value: [2, 5],
      window: { from: '2024-01-01', to: '2024-02-01T12:00:00Z' },
    },
    {
      event: 'Visit',
      where: [{ property: 'store', op: 'startsWith', value: 'Seoul' }],
      measure: 'daysSinceFirst',
      op: 'lt',
      value: 30,
    },
  ],
};

describe('rule -> form -> rule', () => {
  it('gives back every rule it reads, nested groups and negations included', () => {
    const cases: Rule[] = [
      vip,
      nested,
      { all: [] },
      { any: [] },
      { attribute: 'plan', op: 'eq', value: 'gold' },
      { not: { attribute: 'plan', op: 'exists' } },
      { not: { not: { attribute: 'plan', op: 'exists' } } },
      { not: { all: [{ attribute: 'zip', op: 'eq', value: '01234' }] } },
      { all: [{ all: [{ any: [] }] }] },
    ];
    for (const rule of cases) expect(roundTrip(rule)).toEqual(rule);
  });

  it('has a row for every leaf kind of the contracts', () => {
    const leaves = {
      attribute: { attribute: 'plan', op: 'eq', value: 'gold' },
      location: { location: 'city', op: 'in', value: ['Seoul', 'Busan'] },
      eventAggregate: {
        event: 'Order Completed',
        aggregate: { fn: 'countDistinct', property: 'sku' },
        op: 'gte',
        value: 3,
      },
      eventMeasure: { event: 'Visit', measure: 'daysSinceFirst', op: 'lte', value: 30 },
      eventNever: { event: 'Order Completed', never: true, window: { lastDays: 30 } },
      segment: { segment: '6b0f5a9e-0000-4000-8000-000000000000' },
      rfm: { rfm: 'monetary', op: 'between', value: [4, 5], property: 'total' },
      random: { random: { percent: 10, salt: 'test-a' } },
    } satisfies Record<keyof typeof rowKindOfRuleKind, unknown>;
    for (const [kind, rule] of Object.entries(leaves)) {
      const form = ruleToForm(rule as Rule, keys());
      expect(form.children[0]).toMatchObject({
        kind: rowKindOfRuleKind[kind as keyof typeof rowKindOfRuleKind],
      });
      expect(formToRule(form).rule).toEqual(rule);
      expect(validateRuleForm(form).ok).toBe(true);
    }
  });

  it('keeps conditions it has no fields for as JSON rows, unchanged', () => {
    const odd = [
      { attribute: 'tags', op: 'in', value: ['a,b'] },
      { attribute: 'x', op: 'in', value: [1, 'a'] },
      { attribute: 'x', op: 'exists', value: null },
      { event: 'Visit', aggregate: { fn: 'count' }, op: 'gt', value: 1, where: [] },
      { location: 'city', op: 'in', value: ['Seoul, Korea'] },
    ] as unknown as Rule[];
    const rule = { all: odd } as Rule;
    const form = ruleToForm(rule, keys());
    expect(form.children.map((c) => (c.type === 'condition' ? c.kind : c.type))).toEqual([
      'json',
      'json',
      'json',
      'json',
      'json',
    ]);
    expect(formToRule(form).rule).toEqual(rule);
  });

  it('shows a lone condition as an implicit ALL group and writes it back bare', () => {
    const form = ruleToForm({ attribute: 'plan', op: 'eq', value: 'gold' }, keys());
    expect(form).toMatchObject({ combinator: 'all', implicit: true, negate: false });
    expect(form.children).toHaveLength(1);
    // A second condition makes it a real group.
    const two = addCondition(form);
    expect(formToRule(two).rule).toMatchObject({ all: [{ attribute: 'plan' }, { attribute: '' }] });
  });

  it('reads `not` of a condition as a negated row', () => {
    const form = ruleToForm({ all: [{ not: { attribute: 'plan', op: 'exists' } }] }, keys());
    expect(form.children[0]).toMatchObject({ type: 'condition', kind: 'attribute', negate: true });
  });
});

describe('form -> rule', () => {
  it('builds ANY of two conditions inside an ALL, with window modes', () => {
    const aggregate = {
      ...emptyRow('eventAggregate', 'a'),
      event: 'Order Completed',
      window: { mode: 'lastDays' as const, days: '90', from: '', to: '' },
    };
    const days = { ...emptyRow('eventMeasure', 'b'), event: 'Visit' };
    const allTime = {
      ...emptyRow('eventAggregate', 'c'),
      event: 'Visit',
      window: { mode: 'allTime' as const, days: '30', from: '', to: '' },
    };
    const anyGroup: GroupNode = { ...emptyGroup('any', 'g'), children: [aggregate, days] };
    const form: RuleFormState = { ...emptyGroup('all', 'root'), children: [anyGroup, allTime] };
    expect(formToRule(form)).toMatchObject({
      ok: true,
      rule: {
        all: [
          {
            any: [
              {
                event: 'Order Completed',
                aggregate: { fn: 'count' },
                op: 'gte',
                value: 1,
                window: { lastDays: 90 },
              },
              { event: 'Visit', measure: 'daysSinceLast', op: 'gte', value: 30 },
            ],
          },
          { event: 'Visit', aggregate: { fn: 'count' }, op: 'gte', value: 1 },
        ],
      },
    });
  });

  it('negates groups and rows', () => {
    const row = { ...emptyRow('attribute', 'r'), attribute: 'plan', op: 'exists' as const };
    const group: GroupNode = {
      ...emptyGroup('any', 'g'),
      negate: true,
      children: [{ ...row, negate: true }],
    };
    expect(formToRule({ ...emptyGroup('all', 'root'), children: [group] }).rule).toEqual({
      all: [{ not: { any: [{ not: { attribute: 'plan', op: 'exists' } }] } }],
    });
  });

  it('edits the tree by key', () => {
    const root = ruleToForm(nested, keys());
    const inner = root.children[1] as GroupNode;
    const withGroup = addGroup(inner);
    const updated = replaceNode(root, withGroup);
    expect((updated.children[1] as GroupNode).children).toHaveLength(4);
    const added = (updated.children[1] as GroupNode).children[3] as GroupNode;
    expect(added.combinator).toBe('all');
    const removed = removeNode(updated, added.key);
    expect(formToRule(removed).rule).toEqual(nested);
    const kinded = changeKind(
      { ...emptyRow('eventAggregate', 'x'), event: 'Visit' },
      'eventMeasure',
    );
    expect(kinded).toMatchObject({ key: 'x', kind: 'eventMeasure', event: 'Visit' });
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
  it('reports parse errors and schema errors on the right fields, also in sub-groups', () => {
    const filter = {
      key: 'f1',
      property: 'bad/name',
      op: 'eq' as const,
      valueType: 'auto' as const,
      value: 'x',
      valueTo: '',
    };
    const sub: GroupNode = {
      ...emptyGroup('any', 'g1'),
      negate: true,
      children: [
        { ...emptyRow('eventMeasure', 'd1'), event: '' },
        {
          ...emptyRow('eventAggregate', 'e2'),
          event: 'Order Completed',
          window: { mode: 'lastDays', days: '0', from: '', to: '' },
          filters: [filter],
        },
        { ...emptyRow('json', 'j1'), text: '{"event":"Visit","aggregate":{"fn":"nope"}}' },
        { ...emptyRow('json', 'j2'), text: '{oops' },
      ],
    };
    const form: RuleFormState = {
      ...emptyGroup('all', 'root'),
      children: [
        { ...emptyRow('attribute', 'a1'), attribute: '', value: 'gold' },
        { ...emptyRow('eventAggregate', 'e1'), event: 'Order Completed', fn: 'sum', value: 'lots' },
        sub,
        {
          ...emptyRow('eventAggregate', 'e3'),
          event: 'Visit',
          window: { mode: 'between', days: '', from: '2024-01-01', to: '' },
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
    expect(result.errors['e2.window']).toBeDefined();
    expect(result.errors['e2.filters.f1.property']).toMatch(/letters/);
    expect(result.errors['j1.text']).toMatch(/^aggregate\.fn: /);
    expect(result.errors['j2.text']).toMatch(/not valid JSON/);
    expect(result.errors['e3.window']).toBe('needs a start and an end date');
  });

  it('accepts a valid form and returns the rule', () => {
    const form = ruleToForm(vip, keys());
    expect(validateRuleForm(form)).toMatchObject({ ok: true, rule: vip });
  });
});

describe('server field paths', () => {
  it('parses the API field format and maps it to the form, through groups and `not`', () => {
    expect(parseFieldPath('rule.all[0].where[1].value')).toEqual([
      'rule',
      'all',
      0,
      'where',
      1,
      'value',
    ]);
    expect(parseFieldPath('rule.any.2.op')).toEqual(['rule', 'any', 2, 'op']);
    const form = ruleToForm(nested, keys());
    const { paths } = formToRule(form);
    const aggregate = form.children[3];
    const filter =
      aggregate?.type === 'condition' && 'filters' in aggregate && aggregate.filters[1];
    expect(filter).toBeTruthy();
    expect(issuePathToErrorKey(paths, parseFieldPath('rule.all[3].where[1].value').slice(1))).toBe(
      `${aggregate?.key}.filters.${filter && filter.key}.value`,
    );
    const negated = form.children[2];
    expect(issuePathToErrorKey(paths, ['all', 2, 'not', 'attribute'])).toBe(
      `${negated?.key}.attribute`,
    );
    expect(issuePathToErrorKey(paths, ['all', 3, 'window', 'from'])).toBe(
      `${aggregate?.key}.window`,
    );
    expect(issuePathToErrorKey(paths, [])).toBe('rule');
  });
});
