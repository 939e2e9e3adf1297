import type { Rule } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { checkSegmentReferences, type StoredSegmentRule } from './segment-references.js';

const A = '0f8b6a52-3c1e-4a57-9a3e-1d2c3b4a5f60';
const B = '6a1d4e7b-2f3c-4b8a-8c9d-0e1f2a3b4c5d';
const C = 'c3b2a190-8f7e-4d6c-b5a4-938271605f4e';
const UNKNOWN = '9d8c7b6a-5f4e-4d3c-8b2a-190817263544';
const leaf: Rule = { attribute: 'plan', op: 'eq', value: 'pro' };

const stored: StoredSegmentRule[] = [
  { id: A, name: 'Active', rule: leaf },
  { id: B, name: 'VIP', rule: { all: [{ segment: A }, leaf] } },
  { id: C, name: 'At risk', rule: { not: { segment: B } } },
];

describe('segment references', () => {
  it('accepts references to existing segments', () => {
    expect(checkSegmentReferences({ name: 'New', rule: { segment: C } }, stored)).toEqual([]);
  });

  it('names the field of an unknown segment', () => {
    expect(
      checkSegmentReferences({ name: 'New', rule: { all: [leaf, { segment: UNKNOWN }] } }, stored),
    ).toEqual([{ field: 'rule.all[1].segment', message: 'no such segment' }]);
  });

  it('refuses a cycle, named by segment names', () => {
    expect(checkSegmentReferences({ id: A, name: 'Active', rule: { segment: C } }, stored)).toEqual(
      [{ field: 'rule', message: 'segment cycle "Active" -> "At risk" -> "VIP" -> "Active"' }],
    );
    expect(
      checkSegmentReferences({ id: A, name: 'Renamed', rule: { any: [{ segment: A }] } }, stored),
    ).toEqual([{ field: 'rule', message: 'segment cycle "Renamed" -> "Renamed"' }]);
  });

  it('refuses a rule that grows past the limit once references are inlined', () => {
    const wide: Rule = { any: Array.from({ length: 50 }, () => ({ segment: A })) };
    const big: StoredSegmentRule[] = [
      { id: A, name: 'Fifty', rule: { any: Array.from({ length: 50 }, () => leaf) } },
      { id: B, name: 'Wide', rule: { attribute: 'x', op: 'exists' } },
    ];
    expect(checkSegmentReferences({ name: 'New', rule: wide }, big)).toEqual([
      {
        field: 'rule',
        message: 'with referenced segments inlined the rule has 2500 conditions (limit 2000)',
      },
    ]);
    // Editing B so that an existing segment referring to it would grow too far.
    const withUser: StoredSegmentRule[] = [
      ...big,
      { id: C, name: 'User', rule: { any: Array.from({ length: 50 }, () => ({ segment: B })) } },
    ];
    expect(checkSegmentReferences({ id: B, name: 'Wide', rule: { segment: A } }, withUser)).toEqual(
      [
        {
          field: 'rule',
          message:
            'segment "User" would have 2500 conditions (limit 2000) with referenced segments inlined',
        },
      ],
    );
  });
});
