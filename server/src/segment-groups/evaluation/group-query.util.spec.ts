import type { Rule } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { compileGroupSnapshotQuery, groupDefinitionHash } from './group-query.util.js';

const recent: Rule = {
  event: 'Order Completed',
  aggregate: { fn: 'count' },
  op: 'gte',
  value: 1,
  window: { lastDays: 90 },
};
const big: Rule = {
  event: 'Order Completed',
  aggregate: { fn: 'sum', property: 'total' },
  op: 'gte',
  value: 200,
};
const ws = '00000000-0000-4000-8000-000000000001';
const snap = '00000000-0000-4000-8000-000000000002';
const asOf = new Date('1997-06-30T23:59:59.999Z');

describe('compileGroupSnapshotQuery', () => {
  it('is one SELECT with one CASE: members in order, fallback 0, values bound', () => {
    const q = compileGroupSnapshotQuery(ws, asOf, [big, recent], snap);
    // One CASE picks the member (others may read numbers inside aggregates).
    expect(q.sql.match(/ELSE 0 END/g)).toHaveLength(1);
    expect(q.sql).toMatch(/THEN 1\s+WHEN .* THEN 2\s+ELSE 0 END/s);
    expect(q.sql.indexOf('sum(')).toBeLessThan(q.sql.indexOf('THEN 1'));
    expect(q.params.slice(0, 2)).toEqual([ws, asOf]);
    expect(q.params).toContain(snap);
    expect(q.params).toContain(200);
    expect(q.params).toContain(90);
    expect(q.sql).not.toContain('Order Completed');
    expect(q.sql).toContain('c.first_seen_at <= $2::timestamptz');
  });

  it('with no members every customer is in the fallback', () => {
    const q = compileGroupSnapshotQuery(ws, asOf, [], snap);
    expect(q.sql).toContain('0::smallint');
    expect(q.sql).not.toContain('CASE');
  });
});

describe('groupDefinitionHash', () => {
  const a = '00000000-0000-4000-8000-00000000000a';
  const b = '00000000-0000-4000-8000-00000000000b';
  const c = '00000000-0000-4000-8000-00000000000c';

  it('ignores key order, follows rules and member order', () => {
    const base = groupDefinitionHash([
      { segmentId: a, rule: recent },
      { segmentId: b, rule: big },
    ]);
    const reordered = {
      value: 1,
      op: 'gte',
      window: { lastDays: 90 },
      aggregate: { fn: 'count' },
      event: 'Order Completed',
    } as Rule;
    expect(
      groupDefinitionHash([
        { segmentId: a, rule: reordered },
        { segmentId: b, rule: big },
      ]),
    ).toBe(base);
    expect(
      groupDefinitionHash([
        { segmentId: b, rule: big },
        { segmentId: a, rule: recent },
      ]),
    ).not.toBe(base);
    expect(
      groupDefinitionHash([
        { segmentId: a, rule: { ...recent, value: 2 } as Rule },
        { segmentId: b, rule: big },
      ]),
    ).not.toBe(base);
  });

  it('includes the rules of referenced segments, transitively', () => {
    const members = [{ segmentId: a, rule: { not: { segment: b } } as Rule }];
    const before = new Map<string, Rule>([
      [b, { all: [{ segment: c }] }],
      [c, recent],
    ]);
    const after = new Map<string, Rule>([
      [b, { all: [{ segment: c }] }],
      [c, big],
    ]);
    expect(groupDefinitionHash(members, before)).not.toBe(groupDefinitionHash(members, after));
    expect(groupDefinitionHash(members, before)).toBe(
      groupDefinitionHash(members, new Map(before)),
    );
  });
});
