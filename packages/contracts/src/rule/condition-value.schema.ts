import { z } from 'zod';

/** Operators, names and values shared by every condition of the rule language. */

export const comparisonOps = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;
export const attributeOps = [
  ...comparisonOps,
  'between',
  'in',
  'notIn',
  'contains',
  'startsWith',
  'exists',
  'missing',
  'withinLastDays',
  'moreThanDaysAgo',
  'anniversaryThisMonth',
] as const;
export type AttributeOp = (typeof attributeOps)[number];
export type ComparisonOp = (typeof comparisonOps)[number];
export const numericOps = [...comparisonOps, 'between'] as const;
export type NumericOp = (typeof numericOps)[number];

/** Operators that take no value. */
export const valuelessOps: readonly AttributeOp[] = ['exists', 'missing', 'anniversaryThisMonth'];

/** Trait / property path: letters, digits, `_`, `-`, spaces; dots separate nested keys. */
export const fieldNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(
    /^[A-Za-z0-9_$][A-Za-z0-9_ $-]*(\[\])?(\.[A-Za-z0-9_$][A-Za-z0-9_ $-]*(\[\])?)*$/,
    'must be letters, digits, spaces, "_", "-" or "$", with "." between nested keys (and "[]" after a list: products[].product_id)',
  )
  .refine((name) => (name.match(/\[\]/g) ?? []).length <= 1 && !name.endsWith('[]'), {
    message: 'may go into one list ("[]") and must name a field of its elements after it',
  });

/**
 * `products[].product_id` tests a field of each element of a list: the condition holds when
 * some element passes it. Null for a plain path.
 */
export function splitListPath(name: string): { list: string; field: string } | null {
  const at = name.indexOf('[].');
  if (at < 0) return null;
  return { list: name.slice(0, at), field: name.slice(at + 3) };
}

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why Postgres could not store and compare `text` exactly, or null: a NUL character
 * (text and jsonb cannot hold one) or an unpaired UTF-16 surrogate (not Unicode; it would
 * be replaced on the way in). Every other character, quotes, `%`, `_`, `\\` and `$1`
 * included, is plain data: values only ever travel as bind parameters.
 */
export function storableTextProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (UNPAIRED_SURROGATE.test(text))
    return 'must be well-formed Unicode (it has an unpaired surrogate)';
  return null;
}

/** A string that must also pass storableTextProblem. */
export function storableText(schema: z.ZodString) {
  return schema.superRefine((text, ctx) => {
    const problem = storableTextProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

export const eventNameSchema = storableText(
  z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
);

const scalar = z.union([z.string().max(1000), z.number().finite(), z.boolean()]);
export type Scalar = z.infer<typeof scalar>;
export const conditionValueSchema = z.union([scalar, z.array(scalar).max(1000), z.null()]);
export type ConditionValue = z.infer<typeof conditionValueSchema>;

export interface IssueSink {
  addIssue: (issue: { code: 'custom'; message: string; path: PropertyKey[] }) => void;
}

/** Days for `withinLastDays` / `moreThanDaysAgo`: a century, like an event window's `lastDays`. */
export const MAX_DAYS_AGO = 36500;

/** The value an attribute / property operator needs, reported at `value`. */
export function checkFieldValue(op: AttributeOp, value: unknown, ctx: IssueSink): void {
  const fail = (message: string) => ctx.addIssue({ code: 'custom', message, path: ['value'] });
  const texts: [unknown, PropertyKey[]][] = Array.isArray(value)
    ? value.map((v, i) => [v, ['value', i]])
    : [[value, ['value']]];
  for (const [text, path] of texts) {
    const problem = typeof text === 'string' ? storableTextProblem(text) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path });
  }
  switch (op) {
    case 'exists':
    case 'missing':
    case 'anniversaryThisMonth':
      if (value !== undefined && value !== null) fail(`operator "${op}" takes no value`);
      return;
    case 'between':
      if (
        !Array.isArray(value) ||
        value.length !== 2 ||
        !value.every((v) => typeof v === 'number' || typeof v === 'string')
      )
        fail('operator "between" needs [low, high]');
      return;
    case 'in':
    case 'notIn':
      if (!Array.isArray(value) || value.length === 0)
        fail(`operator "${op}" needs a non-empty list`);
      return;
    case 'withinLastDays':
    case 'moreThanDaysAgo':
      if (
        typeof value !== 'number' ||
        value < 0 ||
        value > MAX_DAYS_AGO ||
        !Number.isInteger(value)
      )
        fail(`operator "${op}" needs a whole number of days (0-${MAX_DAYS_AGO})`);
      return;
    case 'contains':
    case 'startsWith':
      if (typeof value !== 'string') fail(`operator "${op}" needs a string`);
      return;
    case 'eq':
    case 'neq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (value === undefined || value === null || Array.isArray(value))
        fail(`operator "${op}" needs a single value`);
      return;
    default: {
      const never: never = op;
      throw new Error(`unhandled operator ${String(never)}`);
    }
  }
}

/** A number, or `[low, high]` for `between`. */
export const numericValueSchema = z.union([
  z.number().finite(),
  z.tuple([z.number().finite(), z.number().finite()]),
]);
export type NumericValue = number | [number, number];

/** `between` takes `[low, high]`, every other numeric operator one number. */
export function checkNumericValue(op: NumericOp, value: NumericValue, ctx: IssueSink): void {
  if ((op === 'between') !== Array.isArray(value))
    ctx.addIssue({
      code: 'custom',
      path: ['value'],
      message: op === 'between' ? 'operator "between" needs [low, high]' : 'needs a number',
    });
}
