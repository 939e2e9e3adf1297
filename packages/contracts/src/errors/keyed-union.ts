import { z } from 'zod';

export interface KeyedBranch {
  /** Chooses this branch when it returns true for the (object) input; first match wins. */
  when: (value: object) => boolean;
  schema: z.ZodType;
}

/**
 * A union whose branch is chosen by the keys of the input instead of by trying every
 * member. Errors then point at the offending field of the branch the caller meant.
 */
export function keyedUnion<T>(label: string, branches: KeyedBranch[]): z.ZodType<T> {
  return z.unknown().transform((value, ctx) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      ctx.addIssue({ code: 'custom', message: `must be a ${label} object` });
      return z.NEVER;
    }
    const branch = branches.find((b) => b.when(value));
    if (!branch) {
      ctx.addIssue({
        code: 'custom',
        message: `is not a ${label}: unrecognised keys ${JSON.stringify(Object.keys(value))}`,
      });
      return z.NEVER;
    }
    const result = branch.schema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys)
            ctx.addIssue({
              code: 'custom',
              message: 'is not a known field',
              path: [...issue.path, key],
            });
        } else {
          ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.path] });
        }
      }
      return z.NEVER;
    }
    return result.data as T;
  }) as unknown as z.ZodType<T>;
}
