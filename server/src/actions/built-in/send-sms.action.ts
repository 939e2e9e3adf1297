import { E164_PATTERN, normalizePhoneNumber } from '@switchyard/contracts';
import { defineAction, FatalActionError } from '@switchyard/sdk';
import { z } from 'zod';
import {
  messageOptions,
  ratePerMinuteSchema,
  transactionalSchema,
} from './message-options.schema.js';

/** Longest body accepted, in characters (about ten concatenated segments). */
export const MAX_SMS_LENGTH = 1600;

/**
 * Renders the text message for this customer and hands it to the outbox; the
 * workspace's SMS provider delivers it after the step commits.
 */
export const sendSmsAction = defineAction({
  type: 'send_sms',
  version: 1,
  title: 'Send SMS',
  description: 'Send a text message rendered from a Handlebars template.',
  category: 'messaging',
  icon: 'message-square',
  config: z
    .strictObject({
      to: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(500)
        .default('{{customer.traits.phone}}')
        .meta({
          title: 'To',
          description:
            'Phone number in E.164 form, e.g. +14155550100 (a template; spaces, dashes, dots and parentheses are ignored).',
        }),
      body: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(10_000)
        .meta({
          'x-widget': 'template',
          title: 'Message',
          description: `Text of the message (a template); at most ${MAX_SMS_LENGTH} characters once rendered.`,
        }),
      transactional: transactionalSchema,
      ratePerMinute: ratePerMinuteSchema,
    })
    .meta({ 'x-summary': '{{body}}' }),
  outputs: ['next'],
  templateFields: ['to', 'body'],
  sends: ['sms'],
  async execute(ctx, config) {
    const rendered = ctx.renderText(config.to).trim();
    const to = normalizePhoneNumber(rendered);
    if (!E164_PATTERN.test(to))
      throw new FatalActionError(
        rendered
          ? `"${rendered}" is not a phone number in E.164 form (e.g. +14155550100)`
          : 'the recipient phone number is empty',
      );
    const body = ctx.renderText(config.body).trim();
    if (!body) throw new FatalActionError('the message is empty once rendered');
    const length = [...body].length;
    if (length > MAX_SMS_LENGTH)
      throw new FatalActionError(
        `the message is ${length} characters once rendered; the limit is ${MAX_SMS_LENGTH}`,
      );
    await ctx.effects.sms({ to, body }, messageOptions(config));
    return { kind: 'continue' };
  },
});
