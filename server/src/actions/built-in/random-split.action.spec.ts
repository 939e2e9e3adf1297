import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeContext } from './action-test-context.testing.js';
import { chooseBucket, randomSplitAction, splitBuckets } from './random-split.action.js';

/** 1-10 buckets with whole percentages summing to 100 (some may be 0). */
const buckets = fc
  .array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 9 })
  .map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 100];
    return points.slice(1).map((p, i) => ({ key: `b${i}`, percent: p - (points[i] ?? 0) }));
  });
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
/** Uniform in [0, 1) (fc.double favours edge values; whole 32-bit numbers do not, unbiased). */
const uniform = fc.noBias(fc.integer({ min: 0, max: 2 ** 32 - 1 })).map((n) => n / 2 ** 32);

function issues(raw: unknown): { path: string; message: string }[] {
  const parsed = randomSplitAction.parseConfig(raw);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const abConfig = {
  branches: [
    { key: 'a', label: 'Variant A', percent: 45 },
    { key: 'b', label: 'Variant B', percent: 45 },
  ],
  holdoutPercent: 10,
};

describe('chooseBucket', () => {
  const ab = splitBuckets(abConfig.branches, 10);

  it('gives each bucket its slice of [0, 1) in order', () => {
    expect(chooseBucket(0, ab)).toBe('a');
    expect(chooseBucket(0.4499, ab)).toBe('a');
    expect(chooseBucket(0.45, ab)).toBe('b');
    expect(chooseBucket(0.8999, ab)).toBe('b');
    expect(chooseBucket(0.9, ab)).toBe('holdout');
    expect(chooseBucket(0.999999, ab)).toBe('holdout');
    expect(() => chooseBucket(1, ab)).toThrow(RangeError);
    expect(() => chooseBucket(Number.NaN, ab)).toThrow(RangeError);
  });

  it('property: a pure, ordered function of the number that never picks a 0% bucket', () => {
    fc.assert(
      fc.property(buckets, unit, unit, (split, r1, r2) => {
        const keys = split.map((b) => b.key);
        expect(chooseBucket(r1, split)).toBe(
          chooseBucket(
            r1,
            split.map((b) => ({ ...b })),
          ),
        );
        const chosen = split.find((b) => b.key === chooseBucket(r1, split));
        expect(chosen?.percent).toBeGreaterThan(0);
        const [low, high] = r1 <= r2 ? [r1, r2] : [r2, r1];
        expect(keys.indexOf(chooseBucket(low, split))).toBeLessThanOrEqual(
          keys.indexOf(chooseBucket(high, split)),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('property: evenly spread numbers land in each bucket exactly by its share', () => {
    fc.assert(
      fc.property(buckets, (split) => {
        const n = 10_000;
        const counts = new Map<string, number>();
        for (let i = 0; i < n; i += 1) {
          const key = chooseBucket((i + 0.5) / n, split);
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        for (const bucket of split)
          expect(counts.get(bucket.key) ?? 0).toBe((bucket.percent * n) / 100);
      }),
      { numRuns: 50 },
    );
  });

  it('property: random numbers converge on the shares', () => {
    fc.assert(
      fc.property(
        buckets,
        fc.array(uniform, { minLength: 4000, maxLength: 4000 }),
        (split, draws) => {
          const counts = new Map<string, number>();
          for (const r of draws) {
            const key = chooseBucket(r, split);
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
          // Six standard deviations of a share over 4000 draws are at most 4.8%.
          for (const bucket of split)
            expect(
              Math.abs((counts.get(bucket.key) ?? 0) / draws.length - bucket.percent / 100),
            ).toBeLessThan(0.05);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('random_split', () => {
  it('chooses with ctx.random()', async () => {
    expect(await randomSplitAction.run(fakeContext({ random: 0.3 }).ctx, abConfig)).toEqual({
      kind: 'continue',
      output: 'a',
    });
    expect(await randomSplitAction.run(fakeContext({ random: 0.6 }).ctx, abConfig)).toEqual({
      kind: 'continue',
      output: 'b',
    });
    expect(await randomSplitAction.run(fakeContext({ random: 0.95 }).ctx, abConfig)).toEqual({
      kind: 'continue',
      output: 'holdout',
    });
  });

  it('has the branch keys as outputs, plus "holdout" only when it has a share', () => {
    const outputs = (raw: unknown) => {
      const parsed = randomSplitAction.parseConfig(raw);
      return parsed.success ? randomSplitAction.outputsFor(parsed.data) : parsed.error.message;
    };
    expect(outputs(abConfig)).toEqual(['a', 'b', 'holdout']);
    expect(
      outputs({
        branches: [
          { key: 'a', label: 'A', percent: 50 },
          { key: 'b', label: 'B', percent: 50 },
        ],
      }),
    ).toEqual(['a', 'b']);
    expect(randomSplitAction.staticOutputs).toBe('dynamic');
    expect(randomSplitAction.configJsonSchema['x-outputs']).toMatchObject({
      from: 'branches',
      key: 'key',
      percent: 'percent',
      extra: [{ key: 'holdout', when: 'holdoutPercent' }],
    });
    expect(randomSplitAction.defaults).toEqual({ holdoutPercent: 0 });
  });

  it('refuses percentages that do not add up to 100, naming the fields', () => {
    expect(
      issues({ branches: [{ key: 'a', label: 'A', percent: 60 }], holdoutPercent: 20 }),
    ).toEqual([
      {
        path: 'branches',
        message: 'the branch percentages plus holdoutPercent must add up to 100, not 80',
      },
    ]);
  });

  it('refuses duplicate keys, the key "holdout" and out-of-range shares', () => {
    expect(
      issues({
        branches: [
          { key: 'a', label: 'A', percent: 50 },
          { key: 'a', label: 'B', percent: 25 },
          { key: 'holdout', label: 'C', percent: 25 },
        ],
      }),
    ).toEqual([
      {
        path: 'branches.1.key',
        message: '"a" is already the key of branch 1; keys must be unique',
      },
      {
        path: 'branches.2.key',
        message: '"holdout" is reserved for the node\'s own output; choose another key',
      },
    ]);
    expect(
      issues({ branches: [{ key: 'a', label: 'A', percent: 40 }], holdoutPercent: 60 }),
    ).toEqual([expect.objectContaining({ path: 'holdoutPercent', message: 'must be 0-50' })]);
    expect(issues({ branches: [{ key: 'a', label: 'A', percent: 100.5 }] })).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'branches.0.percent' })]),
    );
  });
});
