import { defineAction } from '@switchyard/sdk';
import { z } from 'zod';

/** Adds the customer to a (static) audience, in the step's transaction. */
export const addToAudienceAction = defineAction({
  type: 'add_to_audience',
  version: 1,
  title: 'Add to audience',
  description: 'Add the customer to an audience (a fixed list of customers).',
  category: 'data',
  icon: 'user-plus',
  config: z
    // No x-summary: the editor shows the audience's name (from the picker widget).
    .strictObject({
      audienceId: z.uuid('must be an audience id').meta({
        'x-widget': 'audience',
        title: 'Audience',
        description: 'The audience to add the customer to.',
      }),
    }),
  outputs: ['next'],
  async execute(ctx, config) {
    await ctx.effects.addToAudience(config.audienceId);
    return { kind: 'continue' };
  },
});
