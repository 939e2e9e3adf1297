import { defineAction } from '@switchyard/sdk';
import { z } from 'zod';
import {
  MAX_BRANCHES,
  branchKeySchema,
  branchLabelSchema,
  checkBranchKeys,
} from './branch-key.schema.js';

export const HOLDOUT_OUTPUT = 'holdout';
export const MAX_HOLDOUT_PERCENT = 50;

export interface SplitBucket {
  key: string;
  percent: number;
}

/**
 * The buckets a split chooses from, in order: the branches, then the holdout (when it
 * has a share). The percentages sum to 100.
 */
export function splitBuckets(
  branches: readonly SplitBucket[],
  holdoutPercent: number,
): SplitBucket[] {
  const buckets = branches.map(({ key, percent }) => ({ key, percent }));
  if (holdoutPercent > 0) buckets.push({ key: HOLDOUT_OUTPUT, percent: holdoutPercent });
  return buckets;
}

/**
 * Chooses a bucket for `random` in [0, 1): bucket i owns the interval
 * [sum of earlier percents, that + its percent) of `random * 100`. A pure function of
 * its arguments; buckets with 0% are never chosen.
 */
export function chooseBucket(random: number, buckets: readonly SplitBucket[]): string {
  if (!(random >= 0 && random < 1)) throw new RangeError(`random must be in [0, 1), got ${random}`);
  const point = random * 100;
  let upper = 0;
  let last: string | undefined;
  for (const bucket of buckets) {
    if (bucket.percent <= 0) continue;
    upper += bucket.percent;
    last = bucket.key;
    if (point < upper) return bucket.key;
  }
  // Only reachable when the percentages sum to less than 100 (refused by the settings).
  if (last === undefined) throw new RangeError('no bucket has a share');
  return last;
}

const percentSchema = z
  .number()
  .int('must be a whole number')
  .min(0, 'must be 0-100')
  .max(100, 'must be 0-100')
  .meta({ title: 'Percent', description: 'Share of customers taking this branch.' });

const splitBranchSchema = z
  .strictObject({ key: branchKeySchema, label: branchLabelSchema, percent: percentSchema })
  .meta({ title: 'Branch', description: 'An output taken by a share of customers.' });

/**
 * Splits customers at random by percentages (the draw is fixed per enrollment and node,
 * so a replay takes the same branch). The optional holdout branch is an output like any
 * other: leave it unconnected and holdout customers simply end the journey there.
 */
export const randomSplitAction = defineAction({
  type: 'random_split',
  version: 1,
  title: 'Random split',
  description:
    'Split customers at random by percentages, with an optional holdout group that gets nothing.',
  category: 'flow',
  icon: 'shuffle',
  config: z
    .strictObject({
      branches: z
        .array(splitBranchSchema)
        .min(1, 'needs at least one branch')
        .max(MAX_BRANCHES, `at most ${MAX_BRANCHES} branches`)
        .meta({
          title: 'Branches',
          description: 'Each branch takes its percentage of customers.',
        }),
      holdoutPercent: z
        .number()
        .int('must be a whole number')
        .min(0, `must be 0-${MAX_HOLDOUT_PERCENT}`)
        .max(MAX_HOLDOUT_PERCENT, `must be 0-${MAX_HOLDOUT_PERCENT}`)
        .default(0)
        .meta({
          title: 'Holdout percent',
          description: `Share of customers held out (output "${HOLDOUT_OUTPUT}", which does nothing unless connected). 0 for none.`,
        }),
    })
    .superRefine((config, ctx) => {
      checkBranchKeys(config.branches, [HOLDOUT_OUTPUT], ctx);
      const total = config.branches.reduce((sum, b) => sum + b.percent, config.holdoutPercent);
      if (total !== 100)
        ctx.addIssue({
          code: 'custom',
          path: ['branches'],
          message: `the branch percentages plus holdoutPercent must add up to 100, not ${total}`,
        });
    })
    // No x-summary: the editor summarises branch lists itself ("2 branches + holdout").
    .meta({
      'x-outputs': {
        from: 'branches',
        key: 'key',
        label: 'label',
        percent: 'percent',
        extra: [
          {
            key: HOLDOUT_OUTPUT,
            label: 'Holdout',
            when: 'holdoutPercent',
            percent: 'holdoutPercent',
          },
        ],
      },
    }),
  outputs: (config) => splitBuckets(config.branches, config.holdoutPercent).map((b) => b.key),
  execute(ctx, config) {
    const output = chooseBucket(ctx.random(), splitBuckets(config.branches, config.holdoutPercent));
    return { kind: 'continue', output };
  },
});
