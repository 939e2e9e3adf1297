import { BadRequestException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { inputProblems, MAX_INPUT_DEPTH, StorableInputPipe } from './storable-input.pipe.js';

const pipe = new StorableInputPipe();

function refusal(value: unknown, type: 'body' | 'query' | 'param', data?: string) {
  try {
    pipe.transform(value, { type, data });
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse() as {
      statusCode: number;
      message: string;
      issues: { field: string; message: string }[];
    };
  }
  throw new Error('not refused');
}

/** `depth` levels of {not: ...} around a condition, built without recursion. */
function nested(depth: number): unknown {
  let rule: unknown = { attribute: 'plan', op: 'exists' };
  for (let i = 0; i < depth; i++) rule = { not: rule };
  return rule;
}

describe('StorableInputPipe', () => {
  it('passes clean input through unchanged (the same object)', () => {
    const body = {
      name: 'VIP 🎉 고객',
      rule: { all: [{ attribute: 'a', op: 'eq', value: "'; --" }] },
    };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
    expect(pipe.transform('sk_live', { type: 'param', data: 'id' })).toBe('sk_live');
    expect(pipe.transform(undefined, { type: 'body' })).toBeUndefined();
  });

  it('refuses a NUL character and names the field of the body', () => {
    const res = refusal(
      { name: 'a\u0000b', members: [{ label: 'ok' }, { label: '\u0000' }] },
      'body',
    );
    expect(res.statusCode).toBe(400);
    expect(res.issues).toEqual([
      { field: 'name', message: 'must not contain the NUL character (\\u0000)' },
      { field: 'members[1].label', message: 'must not contain the NUL character (\\u0000)' },
    ]);
    expect(res.message).toContain('members[1].label');
  });

  it('refuses unpaired surrogates, in keys too, but not paired ones', () => {
    expect(inputProblems({ emoji: '\ud83c\udf89' })).toEqual([]);
    expect(refusal({ traits: { '\udc00': 1 } }, 'body').issues).toEqual([
      {
        field: 'traits.\udc00',
        message: 'name must be well-formed Unicode (it has an unpaired surrogate)',
      },
    ]);
    expect(refusal({ q: 'x\ud800' }, 'query').issues).toEqual([
      { field: 'query.q', message: 'must be well-formed Unicode (it has an unpaired surrogate)' },
    ]);
  });

  it('names path parameters (GET /api/customers/%00)', () => {
    expect(refusal('\u0000', 'param', 'id').issues).toEqual([
      { field: 'params.id', message: 'must not contain the NUL character (\\u0000)' },
    ]);
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    expect(inputProblems({ rule: nested(MAX_INPUT_DEPTH - 2) })).toEqual([]);
    for (const depth of [MAX_INPUT_DEPTH, 100_000]) {
      const issues = refusal({ name: 'x', rule: nested(depth) }, 'body').issues;
      expect(issues).toHaveLength(1);
      expect(issues[0]!.message).toBe(`must not nest deeper than ${MAX_INPUT_DEPTH} levels`);
      expect(issues[0]!.field).toMatch(/^rule(\.not)+$/);
    }
  });

  it('reports at most 20 problems', () => {
    const body = { list: Array.from({ length: 1000 }, () => '\u0000') };
    expect(refusal(body, 'body').issues).toHaveLength(20);
  });
});
