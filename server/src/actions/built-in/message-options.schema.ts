import type { MessageOptions } from '@switchyard/sdk';
import { z } from 'zod';

/** Settings shared by the message nodes: how the engine may hold a message back. */

export const MAX_RATE_PER_MINUTE = 1_000_000;

export const transactionalSchema = z.boolean().default(false).meta({
  title: 'Transactional',
  description:
    'Receipts, password resets and the like: ignores frequency caps and quiet hours. Leave off for marketing messages.',
});

export const ratePerMinuteSchema = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(MAX_RATE_PER_MINUTE, `must be at most ${MAX_RATE_PER_MINUTE}`)
  .optional()
  .meta({
    title: 'Rate limit (per minute)',
    description: 'Optional; at most this many per minute from this node, the rest wait their turn.',
  });

export const topicSchema = z
  .uuid('must be a subscription topic id')
  .optional()
  .meta({
    title: 'Subscription topic',
    description:
      'Optional; the kind of e-mail this is (Settings → Subscription topics). Customers who left the topic do not get it, and its unsubscribe link offers to leave this topic only.',
    'x-widget': 'topic',
    'x-show-when': { field: 'transactional', equals: [false] },
  });

/** The `MessageOptions` for the effect, without keys that are unset. */
export function messageOptions(config: {
  transactional?: boolean | undefined;
  ratePerMinute?: number | undefined;
  topic?: string | undefined;
}): MessageOptions {
  return {
    transactional: config.transactional ?? false,
    ...(config.ratePerMinute !== undefined ? { ratePerMinute: config.ratePerMinute } : {}),
    ...(config.topic !== undefined ? { topic: config.topic } : {}),
  };
}
