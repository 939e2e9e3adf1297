import { boundedRuleSchema } from '@switchyard/contracts';
import { defineAction } from '@switchyard/sdk';
import { z } from 'zod';
import {
  MAX_BRANCHES,
  branchKeySchema,
  branchLabelSchema,
  checkBranchKeys,
} from './branch-key.schema.js';

export const ELSE_OUTPUT = 'else';

const conditionBranchSchema = z
  .strictObject({
    key: branchKeySchema,
    label: branchLabelSchema,
    rule: boundedRuleSchema.meta({
      'x-widget': 'rule',
      title: 'Rule',
      description:
        'Customers matching this rule (the segment rule language, evaluated now) take this branch.',
    }),
  })
  .meta({ title: 'Branch', description: 'An output taken when its rule matches.' });

/**
 * Sends the customer down the first branch whose rule they match now (branches are
 * tried in order), else through "else".
 */
export const conditionBranchAction = defineAction({
  type: 'condition_branch',
  version: 1,
  title: 'Condition branch',
  description:
    'Branch on who the customer is now: the first branch whose rule matches, else "else".',
  category: 'flow',
  icon: 'git-branch',
  config: z
    .strictObject({
      branches: z
        .array(conditionBranchSchema)
        .min(1, 'needs at least one branch')
        .max(MAX_BRANCHES, `at most ${MAX_BRANCHES} branches`)
        .meta({
          title: 'Branches',
          description: `Tried in order; the first whose rule matches wins. Customers matching none leave through "${ELSE_OUTPUT}".`,
        }),
    })
    .superRefine((config, ctx) => checkBranchKeys(config.branches, [ELSE_OUTPUT], ctx))
    // No x-summary: the editor summarises branch lists itself ("2 branches + everyone else").
    .meta({
      'x-outputs': {
        from: 'branches',
        key: 'key',
        label: 'label',
        extra: [{ key: ELSE_OUTPUT, label: 'Everyone else' }],
      },
    }),
  outputs: (config) => [...config.branches.map((b) => b.key), ELSE_OUTPUT],
  async execute(ctx, config) {
    for (const branch of config.branches) {
      if (await ctx.matches(branch.rule)) return { kind: 'continue', output: branch.key };
    }
    return { kind: 'continue', output: ELSE_OUTPUT };
  },
});
