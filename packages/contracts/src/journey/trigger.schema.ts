import { z } from 'zod';

/**
 * What starts a journey. Triggers read recorded transitions only (invariant 4):
 * a journey never watches raw events for segment changes.
 */
export const triggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('segment_entered'),
    segmentId: z.uuid('must be a segment id'),
  }),
  z.strictObject({
    kind: z.literal('segment_exited'),
    segmentId: z.uuid('must be a segment id'),
  }),
]);
export type Trigger = z.infer<typeof triggerSchema>;
export type TriggerKind = Trigger['kind'];

export const TRIGGER_NODE_TYPE = 'trigger';

/** The transition kind a trigger listens to. */
export function transitionKindOf(trigger: Trigger): 'entered' | 'exited' {
  switch (trigger.kind) {
    case 'segment_entered':
      return 'entered';
    case 'segment_exited':
      return 'exited';
    default: {
      const never: never = trigger;
      throw new Error(`unknown trigger ${JSON.stringify(never)}`);
    }
  }
}
