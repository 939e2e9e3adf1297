import { z } from 'zod';
import { propertyFilterSchema } from '../rule/attribute-condition.schema.js';
import { eventNameSchema } from '../rule/condition-value.schema.js';

/**
 * Journey-wide rules, versioned with the graph: who may enter again, when a run ends
 * early, what counts as a conversion, and when messages may go out.
 */
export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day, HH:MM (24-hour)');

export const reentrySchema = z.discriminatedUnion('mode', [
  /** A customer runs through the journey at most once, ever. */
  z.strictObject({ mode: z.literal('never') }),
  /** Again once the previous run has finished (completed, exited or failed). */
  z.strictObject({ mode: z.literal('after_exit') }),
  /** Every time the trigger fires, but not within `cooldownHours` of the last entry. */
  z.strictObject({
    mode: z.literal('always'),
    cooldownHours: z
      .number()
      .min(0)
      .max(24 * 365),
  }),
]);
export type Reentry = z.infer<typeof reentrySchema>;

/** A conversion: the customer does `event` within `withinDays` of entering. */
export const journeyGoalSchema = z.strictObject({
  event: eventNameSchema,
  where: z.array(propertyFilterSchema).max(20).optional(),
  withinDays: z.number().int().min(1).max(365),
});
export type JourneyGoal = z.infer<typeof journeyGoalSchema>;

/** Messages are held from `start` to `end` in the customer's time zone (may wrap midnight). */
export const quietHoursSchema = z
  .strictObject({ start: timeOfDaySchema, end: timeOfDaySchema })
  .refine((q) => q.start !== q.end, { message: 'start and end must differ', path: ['end'] });
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const journeySettingsSchema = z.strictObject({
  reentry: reentrySchema.default({ mode: 'after_exit' }),
  exit: z
    .strictObject({
      /** Leave the journey when the customer leaves the trigger's segment (or target group). */
      onSegmentExit: z.boolean().default(false),
      /** Leave the journey when the goal is reached. */
      onGoal: z.boolean().default(false),
    })
    .default({ onSegmentExit: false, onGoal: false }),
  goal: journeyGoalSchema.nullable().default(null),
  quietHours: quietHoursSchema.nullable().default(null),
});
export type JourneySettings = z.output<typeof journeySettingsSchema>;
export type JourneySettingsInput = z.input<typeof journeySettingsSchema>;

export const DEFAULT_JOURNEY_SETTINGS: JourneySettings = journeySettingsSchema.parse({});
