import { z } from 'zod';
import { propertyFilterSchema, type PropertyFilter } from './attribute-condition.schema.js';
import {
  checkNumericValue,
  eventNameSchema,
  fieldNameSchema,
  numericOps,
  numericValueSchema,
  type NumericOp,
  type NumericValue,
} from './condition-value.schema.js';

/**
 * Conditions over what a customer did: events named `event`, optionally filtered by
 * `where` (every filter must hold), up to the evaluation time.
 */

/** `countDistinct` counts the different (text) values of `property`. */
export const aggregateFns = ['count', 'countDistinct', 'sum', 'avg', 'min', 'max'] as const;
export type AggregateFn = (typeof aggregateFns)[number];

/** Last N days up to the evaluation time, or a fixed range (a date `to` includes that day). */
export type EventWindow = { lastDays: number } | { from: string; to: string };

/** Postgres has no year 0: dates and date-times from year 0001 on. */
const isoDateTime = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .refine((v) => !v.startsWith('0000'), { message: 'must be in years 0001-9999' });

export const eventWindowSchema = z.union([
  z.strictObject({ lastDays: z.number().int().min(1).max(36500) }),
  z
    .strictObject({ from: isoDateTime, to: isoDateTime })
    .refine((w) => Date.parse(w.from) <= Date.parse(w.to), {
      message: '"from" must not be after "to"',
      path: ['from'],
    }),
]);

/**
 * `{event, aggregate: {fn, property?}, op, value, window?}`. Without a window: all time.
 * "Never did X" reads `{event: 'X', aggregate: {fn: 'count'}, op: 'eq', value: 0}`, or
 * with the shorthand `{event: 'X', never: true}`.
 */
export interface EventAggregateCondition {
  event: string;
  where?: PropertyFilter[];
  aggregate: { fn: AggregateFn; property?: string };
  op: NumericOp;
  value: NumericValue;
  window?: EventWindow;
}

export const eventAggregateConditionSchema = z
  .strictObject({
    event: eventNameSchema,
    where: z.array(propertyFilterSchema).max(50).optional(),
    aggregate: z
      .strictObject({ fn: z.enum(aggregateFns), property: fieldNameSchema.optional() })
      .refine((a) => a.fn === 'count' || a.property !== undefined, {
        message: 'needs "property" unless fn is "count"',
        path: ['property'],
      }),
    op: z.enum(numericOps),
    value: numericValueSchema,
    window: eventWindowSchema.optional(),
  })
  .superRefine((c, ctx) => checkNumericValue(c.op, c.value, ctx));

export const eventMeasures = ['daysSinceLast', 'daysSinceFirst'] as const;
export type EventMeasure = (typeof eventMeasures)[number];

/** Whole days between the last (first) matching event and the evaluation time. */
export interface EventMeasureCondition {
  event: string;
  where?: PropertyFilter[];
  measure: EventMeasure;
  op: NumericOp;
  value: NumericValue;
}

export const eventMeasureConditionSchema = z
  .strictObject({
    event: eventNameSchema,
    where: z.array(propertyFilterSchema).max(50).optional(),
    measure: z.enum(eventMeasures),
    op: z.enum(numericOps),
    value: numericValueSchema,
  })
  .superRefine((c, ctx) => checkNumericValue(c.op, c.value, ctx));

/**
 * `{event, never: true, where?, window?}`: no matching event (in the window), the same as
 * a count equal to 0.
 */
export interface EventNeverCondition {
  event: string;
  never: true;
  where?: PropertyFilter[];
  window?: EventWindow;
}

export const eventNeverConditionSchema = z.strictObject({
  event: eventNameSchema,
  never: z.literal(true, {
    error: 'must be true (for "did it at least once" use a count with op "gte", value 1)',
  }),
  where: z.array(propertyFilterSchema).max(50).optional(),
  window: eventWindowSchema.optional(),
});
