import { defineAction } from '@switchyard/sdk';
import { z } from 'zod';

/**
 * Puts the customer's orders in a few figures into the journey context for the messages
 * after it: `{{context.orders.favouriteCategory}}`, `{{context.orders.lastProduct}}`,
 * `{{pluralise context.orders.daysSinceLastOrder "day"}}`, `{{money context.orders.totalSpent}}`.
 */
export const orderSummaryAction = defineAction({
  type: 'order_summary',
  version: 1,
  title: 'Order summary',
  description:
    "Put the customer's favourite category, last product and days since the last order into the context.",
  category: 'data',
  icon: 'pencil',
  config: z.strictObject({}).meta({ 'x-summary': 'orders → context.orders' }),
  outputs: ['next'],
  async execute(ctx) {
    return { kind: 'continue', context: { orders: await ctx.orderSummary() } };
  },
});
