import { z } from 'zod';
import { propertyFilterSchema } from '../rule/attribute-condition.schema.js';
import { eventNameSchema } from '../rule/condition-value.schema.js';

/**
 * What starts a journey. Segment and group triggers read recorded transitions only
 * (invariant 4); event triggers read ingested events; broadcasts and schedules enroll
 * everyone in an audience or segment at a moment.
 */

/** A bucket of a segment group: one of its member segments, or its fallback. */
export const groupBucketSchema = z.union([
  z.uuid('must be a segment id of the group'),
  z.literal('fallback'),
]);
export type GroupBucket = z.infer<typeof groupBucketSchema>;

const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day, HH:MM (24-hour)');

export const scheduleSchema = z.discriminatedUnion('frequency', [
  z.strictObject({ frequency: z.literal('daily'), time: timeOfDaySchema }),
  z.strictObject({
    frequency: z.literal('weekly'),
    time: timeOfDaySchema,
    /** 0 = Sunday ... 6 = Saturday. */
    dayOfWeek: z.number().int().min(0).max(6),
  }),
  z.strictObject({
    frequency: z.literal('monthly'),
    time: timeOfDaySchema,
    dayOfMonth: z.number().int().min(1).max(28),
  }),
]);
export type Schedule = z.infer<typeof scheduleSchema>;

export const triggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('segment_entered'),
    segmentId: z.uuid('must be a segment id'),
  }),
  z.strictObject({
    kind: z.literal('segment_exited'),
    segmentId: z.uuid('must be a segment id'),
  }),
  /**
   * A customer moved between buckets of a segment group: from any bucket in `from` (an
   * empty list means anywhere, including customers seen for the first time) to any in `to`.
   */
  z.strictObject({
    kind: z.literal('group_moved'),
    groupId: z.uuid('must be a segment group id'),
    from: z.array(groupBucketSchema).max(51),
    to: z.array(groupBucketSchema).min(1, 'pick at least one group to move into').max(51),
  }),
  /** Every ingested event with this name (and matching every filter) starts a run. */
  z.strictObject({
    kind: z.literal('event'),
    event: eventNameSchema,
    where: z.array(propertyFilterSchema).max(20).optional(),
  }),
  /** Everyone in the audience, once, when the journey is published. */
  z.strictObject({
    kind: z.literal('audience_broadcast'),
    audienceId: z.uuid('must be an audience id'),
  }),
  /** Everyone in the segment at each occurrence, in the workspace's time zone. */
  z.strictObject({
    kind: z.literal('schedule'),
    segmentId: z.uuid('must be a segment id'),
    schedule: scheduleSchema,
  }),
]);
export type Trigger = z.infer<typeof triggerSchema>;
export type TriggerKind = Trigger['kind'];

export const TRIGGER_NODE_TYPE = 'trigger';

/** The segment a trigger reads, when it reads one. */
export function triggerSegmentId(trigger: Trigger): string | null {
  switch (trigger.kind) {
    case 'segment_entered':
    case 'segment_exited':
    case 'schedule':
      return trigger.segmentId;
    case 'group_moved':
    case 'event':
    case 'audience_broadcast':
      return null;
    default: {
      const never: never = trigger;
      throw new Error(`unknown trigger ${JSON.stringify(never)}`);
    }
  }
}

/** The segment transition kind a trigger listens to, for segment triggers. */
export function transitionKindOf(trigger: Trigger): 'entered' | 'exited' | null {
  switch (trigger.kind) {
    case 'segment_entered':
      return 'entered';
    case 'segment_exited':
      return 'exited';
    case 'group_moved':
    case 'event':
    case 'audience_broadcast':
    case 'schedule':
      return null;
    default: {
      const never: never = trigger;
      throw new Error(`unknown trigger ${JSON.stringify(never)}`);
    }
  }
}

/** Five-field cron pattern of a schedule (minute hour day-of-month month day-of-week). */
export function scheduleCron(schedule: Schedule): string {
  const [hour, minute] = schedule.time.split(':').map(Number);
  switch (schedule.frequency) {
    case 'daily':
      return `${minute} ${hour} * * *`;
    case 'weekly':
      return `${minute} ${hour} * * ${schedule.dayOfWeek}`;
    case 'monthly':
      return `${minute} ${hour} ${schedule.dayOfMonth} * *`;
    default: {
      const never: never = schedule;
      throw new Error(`unknown schedule ${JSON.stringify(never)}`);
    }
  }
}
