import { eventNameSchema, propertyFilterSchema } from '@switchyard/contracts';
import { defineAction } from '@switchyard/sdk';
import { z } from 'zod';
import { WAIT_UNITS, waitUntil } from './wait.action.js';

export const EVENT_OUTPUT = 'event';
export const TIMEOUT_OUTPUT = 'timeout';
export const MAX_EVENT_FILTERS = 50;

/**
 * Waits for the customer to do an event (optionally with matching properties), or gives
 * up after a timeout. The engine does the matching: only events after the wait started
 * count, and every `where` filter must hold.
 */
export const waitForEventAction = defineAction({
  type: 'wait_for_event',
  version: 1,
  title: 'Wait for event',
  description:
    'Wait until the customer does an event, or continue on another path after a timeout.',
  category: 'flow',
  icon: 'hourglass',
  config: z
    .strictObject({
      event: eventNameSchema.meta({
        title: 'Event',
        description: 'Name of the event to wait for, e.g. "Order Completed".',
      }),
      where: z
        .array(
          propertyFilterSchema.meta({
            title: 'Filter',
            description: 'A test of one event property: {property, op, value}.',
          }),
        )
        .max(MAX_EVENT_FILTERS, `at most ${MAX_EVENT_FILTERS} filters`)
        .optional()
        .meta({
          title: 'Where',
          description:
            'Optional; every filter must hold for the event\'s properties, e.g. {"property": "total", "op": "gte", "value": 50}.',
        }),
      timeout: z
        .strictObject({
          amount: z
            .number()
            .int('must be a whole number')
            .min(1, 'must be at least 1')
            .max(100_000)
            .meta({ title: 'Amount', description: 'How many units to wait for the event.' }),
          unit: z
            .enum(WAIT_UNITS)
            .meta({ title: 'Unit', description: 'Seconds, minutes, hours or days (of 24 hours).' }),
        })
        .default({ amount: 3, unit: 'days' })
        .meta({
          title: 'Timeout',
          description: 'When the event has not happened by then, leave through "timeout".',
        }),
    })
    .meta({
      'x-summary': 'for {{event}}',
      'x-output-labels': { [EVENT_OUTPUT]: 'Event happened', [TIMEOUT_OUTPUT]: 'Timed out' },
    }),
  outputs: [EVENT_OUTPUT, TIMEOUT_OUTPUT],
  execute(ctx, config) {
    const where = config.where && config.where.length > 0 ? { where: config.where } : {};
    return {
      kind: 'wait',
      until: waitUntil(ctx.now, config.timeout.amount, config.timeout.unit),
      output: TIMEOUT_OUTPUT,
      event: { name: config.event, ...where, output: EVENT_OUTPUT },
    };
  },
});
