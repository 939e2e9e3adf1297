import { z } from 'zod';
import {
  attributeOps,
  checkFieldValue,
  conditionValueSchema,
  fieldNameSchema,
  type AttributeOp,
  type ConditionValue,
} from './condition-value.schema.js';

/**
 * `{attribute, op, value}` tests a trait of the customer; `{property, op, value}` (in an
 * event condition's `where`) tests a property of the event. Both read a JSON document the
 * same way:
 * - `eq`/`neq` compare numbers numerically when the value is a number, booleans as JSON
 *   booleans, anything else as text; `gt`..`lte`/`between` compare numerically for a number
 *   and by code point (binary collation) for a string.
 * - On a **list** (JSON array) trait, `in` means "any element is one of the values"
 *   (overlap), `notIn` "no element is", and `contains` "some element equals the value,
 *   ignoring case". On text, `contains`/`startsWith` ignore case.
 * - Dates are ISO 8601 text (`YYYY-MM-DD` is midnight UTC); `anniversaryThisMonth` compares
 *   the month in UTC with the month of the evaluation time.
 * - A missing trait fails every test except `missing`, `neq` and `notIn`.
 */
export interface AttributeCondition {
  attribute: string;
  op: AttributeOp;
  value?: ConditionValue;
}

export const attributeConditionSchema = z
  .strictObject({
    attribute: fieldNameSchema,
    op: z.enum(attributeOps),
    value: conditionValueSchema.optional(),
  })
  .superRefine((c, ctx) => checkFieldValue(c.op, c.value, ctx));

export interface PropertyFilter {
  property: string;
  op: AttributeOp;
  value?: ConditionValue;
}

export const propertyFilterSchema = z
  .strictObject({
    property: fieldNameSchema,
    op: z.enum(attributeOps),
    value: conditionValueSchema.optional(),
  })
  .superRefine((c, ctx) => checkFieldValue(c.op, c.value, ctx));
