import { defineAction } from '@switchyard/sdk';
import { z } from 'zod';

/**
 * Posts a message to a Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat,
 * Discord's /slack endpoint). The message is a Handlebars template over the customer, the
 * trigger and the journey context. It goes through the engine's outbox: signed, retried
 * with backoff, and sent once per customer per visit.
 */
export const slackNotifyAction = defineAction({
  type: 'example.slack_notify',
  version: 1,
  title: 'Slack message',
  description: 'Post a message to a Slack-compatible incoming webhook.',
  category: 'integration',
  icon: 'webhook',
  config: z
    .strictObject({
      webhookUrl: z.url({ protocol: /^https?$/ }).meta({
        title: 'Incoming webhook URL',
        description: 'From your chat tool, e.g. https://hooks.slack.com/services/…',
      }),
      message: z
        .string()
        .min(1, 'must not be empty')
        .max(4000)
        .default('{{customer.externalId}} reached this step')
        .meta({
          'x-widget': 'template',
          title: 'Message',
          description: 'A template: {{customer.traits.first_name}}, {{trigger.segmentName}} …',
        }),
      mention: z.enum(['none', 'here', 'channel', 'user']).default('none').meta({
        title: 'Mention',
        description: 'Notify the channel with @here or @channel, or one person.',
      }),
      // Shown in the editor only when "Mention" is "user" (x-show-when).
      userId: z
        .string()
        .regex(/^[A-Z0-9]+$/, 'must be a member id like U024BE7LH')
        .optional()
        .meta({
          title: 'Member id',
          description: 'The person to mention, e.g. U024BE7LH.',
          'x-show-when': { field: 'mention', equals: ['user'] },
        }),
      username: z.string().max(80).optional().meta({
        title: 'Post as',
        description: 'A display name for the message (if the webhook allows it).',
      }),
    })
    .refine((c) => c.mention !== 'user' || c.userId !== undefined, {
      message: 'is needed to mention a person',
      path: ['userId'],
    })
    .meta({ 'x-summary': '{{message}}' }),
  outputs: ['next'],
  templateFields: ['message'],
  sends: ['webhook'],
  async execute(ctx, config) {
    const prefix =
      config.mention === 'none'
        ? ''
        : config.mention === 'user'
          ? `<@${config.userId ?? ''}> `
          : `<!${config.mention}> `;
    const payload: Record<string, string> = { text: `${prefix}${ctx.renderText(config.message)}` };
    if (config.username) payload['username'] = config.username;
    await ctx.effects.webhook({
      url: config.webhookUrl,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    return { kind: 'continue' };
  },
});
