import type { SegmentTemplateView } from '@switchyard/contracts';

const bought = (product: string, never: boolean) => ({
  event: 'Order Completed',
  where: [{ property: 'products[].product_id', op: 'eq' as const, value: product }],
  ...(never
    ? { never: true as const }
    : { aggregate: { fn: 'count' as const }, op: 'gte' as const, value: 1 }),
});

/**
 * Cross-sell: customers who bought one product but never another, by default the pair of
 * the strongest association rule (bought together most, relative to chance).
 */
export const boughtNotBoughtTemplate: SegmentTemplateView = {
  key: 'bought_not_bought',
  name: 'Bought X but not Y',
  description:
    'Customers who bought one product and never the other: the audience for a cross-sell offer. By default the pair most often bought together (the strongest association rule).',
  parameters: [
    {
      name: 'bought',
      description: 'Product id they bought (products[].product_id of Order Completed).',
      default: 'strongest_association_rule',
    },
    {
      name: 'notBought',
      description: 'Product id they never bought.',
      default: 'strongest_association_rule',
    },
  ],
  requires: {
    traits: [],
    events: [
      {
        name: 'Order Completed',
        properties: [
          {
            name: 'products[].product_id',
            type: 'string',
            description: 'The id of each product in the order',
          },
        ],
      },
    ],
  },
  segments: [
    {
      key: 'gap',
      name: 'Bought $bought, not $notBought',
      description: 'Ordered $bought at least once and never $notBought.',
      color: '#0ea5e9',
      rule: { all: [bought('$bought', false), bought('$notBought', true)] },
    },
  ],
  groups: [],
};
