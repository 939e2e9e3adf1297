import { defineAction } from '@switchyard/sdk';
import { z } from 'zod';

/** Ends the enrollment here (status `exited`). */
export const exitAction = defineAction({
  type: 'exit',
  version: 1,
  title: 'Exit',
  description: 'End the journey for this customer.',
  category: 'flow',
  icon: 'flag',
  config: z.strictObject({}),
  outputs: [],
  execute() {
    return { kind: 'exit', reason: 'exit node' };
  },
});
