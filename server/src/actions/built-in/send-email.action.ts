import { defineAction, FatalActionError } from '@switchyard/sdk';
import { z } from 'zod';
import {
  messageOptions,
  ratePerMinuteSchema,
  topicSchema,
  transactionalSchema,
} from './message-options.schema.js';

const recipientSchema = z.email();

/**
 * Renders the message for this customer and hands it to the outbox; delivery happens
 * after the step commits, once, keyed by (enrollment, node).
 */
export const sendEmailAction = defineAction({
  type: 'send_email',
  version: 1,
  title: 'Send email',
  description: 'Send an email rendered from Handlebars templates.',
  category: 'messaging',
  icon: 'mail',
  config: z
    .strictObject({
      to: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(500)
        .default('{{customer.traits.email}}')
        .meta({ title: 'To', description: 'Recipient address (a template).' }),
      subject: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(1000)
        .meta({ title: 'Subject', description: 'Subject line (a template).' }),
      html: z.string().min(1, 'must not be empty').meta({
        'x-widget': 'template',
        title: 'HTML body',
        description:
          'HTML body (a template). {{unsubscribe_url}} is the link that unsubscribes the customer from marketing e-mail (also sent as List-Unsubscribe); a marketing e-mail without it gets a footer with the link.',
      }),
      text: z.string().optional().meta({
        'x-widget': 'template',
        title: 'Plain-text body',
        description: 'Optional; plain-text alternative (a template).',
      }),
      transactional: transactionalSchema,
      topic: topicSchema,
      ratePerMinute: ratePerMinuteSchema,
    })
    .meta({ 'x-summary': '{{subject}}' }),
  outputs: ['next'],
  templateFields: ['to', 'subject', 'html', 'text'],
  sends: ['email'],
  async execute(ctx, config) {
    const to = ctx.renderText(config.to).trim();
    if (!recipientSchema.safeParse(to).success)
      throw new FatalActionError(
        to ? `"${to}" is not an email address` : 'the recipient address is empty',
      );
    const text = config.text ? ctx.renderText(config.text) : undefined;
    await ctx.effects.email(
      {
        to,
        subject: ctx
          .renderText(config.subject)
          .replace(/[\r\n]+/g, ' ')
          .trim(),
        html: ctx.render(config.html),
        ...(text !== undefined ? { text } : {}),
      },
      messageOptions(config),
    );
    return { kind: 'continue' };
  },
});
