import { z } from 'zod';

/** Output handles of the branching nodes: a key per branch, chosen by the user. */

export const BRANCH_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_BRANCHES = 10;

export const branchKeySchema = z
  .string()
  .regex(
    BRANCH_KEY_PATTERN,
    'must be lower_snake_case: a lowercase letter, then lowercase letters, digits or "_" (at most 40)',
  )
  .meta({
    title: 'Key',
    description: 'Names the output of this branch (lower_snake_case, unique in the node).',
  });

export const branchLabelSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .meta({ title: 'Label', description: 'What the canvas shows on this branch.' });

export interface IssueSink {
  addIssue: (issue: { code: 'custom'; message: string; path: PropertyKey[] }) => void;
}

/**
 * Reports every branch whose key repeats an earlier one or is `reserved` (an output the
 * node adds itself), at `branches[i].key`.
 */
export function checkBranchKeys(
  branches: readonly { key: string }[],
  reserved: readonly string[],
  ctx: IssueSink,
): void {
  const seen = new Map<string, number>();
  branches.forEach((branch, i) => {
    const path = ['branches', i, 'key'];
    if (reserved.includes(branch.key))
      ctx.addIssue({
        code: 'custom',
        path,
        message: `"${branch.key}" is reserved for the node's own output; choose another key`,
      });
    const first = seen.get(branch.key);
    if (first !== undefined)
      ctx.addIssue({
        code: 'custom',
        path,
        message: `"${branch.key}" is already the key of branch ${first + 1}; keys must be unique`,
      });
    else seen.set(branch.key, i);
  });
}
