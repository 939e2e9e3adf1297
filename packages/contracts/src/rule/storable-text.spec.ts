import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zodIssues } from '../errors/validation-error.js';
import { boundedRuleSchema, storableTextProblem } from './rule.schema.js';

const issuesOf = (rule: unknown) => {
  const result = boundedRuleSchema.safeParse(rule);
  return result.success ? [] : zodIssues(result.error, 'rule');
};

describe('text in rules', () => {
  it('keeps SQL-looking, quoted, wildcard and unicode text as it is', () => {
    const values = [
      `'; DROP TABLE customers; --`,
      '$1',
      '\\',
      '%_',
      `"''"`,
      '$.a[*] ? (@ == 1)',
      '한국어 🎉 e\u0301',
    ];
    for (const value of values) {
      const rule = { attribute: 'note', op: 'eq', value };
      expect(boundedRuleSchema.parse(rule)).toEqual(rule);
    }
  });

  it('refuses NUL and unpaired surrogates, naming the field', () => {
    expect(issuesOf({ attribute: 'note', op: 'eq', value: 'a\u0000b' })).toEqual([
      { field: 'rule.value', message: 'must not contain the NUL character (\\u0000)' },
    ]);
    expect(issuesOf({ attribute: 'note', op: 'in', value: ['ok', 'x\ud800'] })).toEqual([
      { field: 'rule.value[1]', message: expect.stringMatching(/unpaired surrogate/) },
    ]);
    expect(
      issuesOf({ event: 'Paid\u0000', aggregate: { fn: 'count' }, op: 'gte', value: 1 }),
    ).toEqual([{ field: 'rule.event', message: expect.stringMatching(/NUL/) }]);
    expect(issuesOf({ location: 'city', op: 'in', value: ['\udc00'] })[0]?.field).toBe(
      'rule.value[0]',
    );
    expect(issuesOf({ random: { percent: 5, salt: '\u0000' } })[0]?.field).toBe('rule.random.salt');
    expect(issuesOf({ attribute: "x'; DROP", op: 'exists' })[0]?.field).toBe('rule.attribute');
  });

  it('accepts exactly the well-formed text without NUL', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const wellFormed = text === Buffer.from(text, 'utf8').toString('utf8');
        expect(storableTextProblem(text) === null).toBe(wellFormed && !text.includes('\u0000'));
      }),
      { numRuns: 3000 },
    );
  });
});
