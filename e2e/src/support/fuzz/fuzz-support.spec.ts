import {
  createAudienceBodySchema,
  createJourneyBodySchema,
  createSegmentBodySchema,
  workspaceSettingsBodySchema,
} from '@switchyard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInActions } from '../../../../server/dist/actions/built-in/built-in.package.js';
import { contractOverrides, type NodeTypeSpec } from './contract-overrides.js';
import { nest } from './hostile.arbitrary.js';
import { mutate, nearValid } from './mutate.arbitrary.js';
import { ownObject, raw, toJsonText } from './raw-json.js';
import { encodeComponent } from './request.arbitrary.js';
import { zodArbitrary, type ZodLike } from './zod-arbitrary.js';

/** The fuzzer's own pieces: if they are wrong, the fuzz test proves little. */
describe('fuzz support', () => {
  const overrides = contractOverrides(builtInActions.actions as unknown as NodeTypeSpec[]);

  it('derives mostly valid bodies from contract schemas (rules, graphs, refinements)', () => {
    for (const schema of [
      createSegmentBodySchema,
      createJourneyBodySchema,
      createAudienceBodySchema,
      workspaceSettingsBodySchema,
    ]) {
      const zod = schema as unknown as ZodLike;
      const values = fc.sample(zodArbitrary(zod, { overrides }), { numRuns: 100, seed: 42 });
      const valid = values.filter((v) => zod.safeParse(v).success).length;
      expect(valid).toBeGreaterThanOrEqual(75);
    }
  });

  it('writes what JSON.stringify cannot: raw numbers, own __proto__ keys, deep nesting', () => {
    const body = ownObject([
      ['__proto__', { polluted: true }],
      ['n', raw('1e309')],
      ['z', raw('-0')],
      ['skip', undefined],
    ]);
    expect(toJsonText(body)).toBe('{"__proto__":{"polluted":true},"n":1e309,"z":-0}');
    const deep = toJsonText(nest(1, 'not', 100_000));
    expect(deep.length).toBe(100_000 * '{"not":}'.length + 1);
    expect(toJsonText(['\u0000', '\ud800'])).toBe('["\\u0000","\\ud800"]');
  });

  it('mutates a copy at one place and leaves the original (and raw constants) alone', () => {
    const original = {
      name: 'x',
      rule: { not: { attribute: 'a', op: 'exists' } },
      n: raw('1e309'),
    };
    const snapshot = toJsonText(original);
    const seen = new Set<string>();
    for (let pick = 0; pick < 8; pick++) {
      const mutated = mutate(original, pick, 'extra', raw('2'), '__proto__');
      seen.add(toJsonText(mutated));
    }
    expect(toJsonText(original)).toBe(snapshot);
    expect(seen.size).toBeGreaterThan(3);
    const deepened = mutate(original, 3, 'deepen', null, 'k') as { rule: { not: unknown } };
    expect(toJsonText(deepened).split('"not":').length - 1).toBeGreaterThan(40);
    const samples = fc.sample(nearValid(fc.constant(original), ['name']), { numRuns: 50, seed: 1 });
    expect(samples.some((s) => toJsonText(s) !== snapshot)).toBe(true);
    expect(toJsonText(original)).toBe(snapshot);
  });

  it('percent-encodes any string, lone surrogates included', () => {
    expect(encodeComponent('a b/ü')).toBe('a%20b%2F%C3%BC');
    expect(encodeComponent('\u0000')).toBe('%00');
    expect(encodeComponent('\ud800')).toBe('%EF%BF%BD');
  });
});
