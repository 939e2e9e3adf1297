import { defineAction } from '@switchyard/sdk';
import { z } from 'zod';

export const WAIT_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
export type WaitUnit = (typeof WAIT_UNITS)[number];

const UNIT_MS: Record<WaitUnit, number> = {
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

export function waitUntil(now: Date, amount: number, unit: WaitUnit): Date {
  return new Date(now.getTime() + amount * UNIT_MS[unit]);
}

/** Pauses the enrollment; the engine resumes it with a delayed job, never by polling. */
export const waitAction = defineAction({
  type: 'wait',
  version: 1,
  title: 'Wait',
  description: 'Pause for a while before the next step.',
  category: 'flow',
  icon: 'clock',
  config: z
    .strictObject({
      amount: z
        .number()
        .int('must be a whole number')
        .min(0, 'must be 0 or more')
        .max(100_000)
        .default(1)
        .meta({ title: 'Amount', description: 'How many units to wait (0 moves on at once).' }),
      unit: z
        .enum(WAIT_UNITS)
        .default('days')
        .meta({ title: 'Unit', description: 'Seconds, minutes, hours or days (of 24 hours).' }),
    })
    .meta({ 'x-summary': 'for {{amount}} {{unit}}' }),
  outputs: ['next'],
  execute(ctx, config) {
    return { kind: 'wait', until: waitUntil(ctx.now, config.amount, config.unit) };
  },
});
