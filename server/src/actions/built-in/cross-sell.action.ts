import { defineAction, type ProductRecommendation } from '@switchyard/sdk';
import { z } from 'zod';

/** Eight characters from the step's stable random number: the same on every replay. */
export function offerCode(prefix: string, random: number): string {
  const code = Math.floor(random * 36 ** 8)
    .toString(36)
    .toUpperCase()
    .padStart(8, '0');
  return prefix ? `${prefix}-${code}` : code;
}

/** How many recommendations to ask for so that `count` may remain above the floor. */
export function recommendationsWanted(count: number): number {
  return Math.min(50, count * 3);
}

/** The products put into the context: the strongest `count` above the confidence floor. */
export function offeredProducts(
  recommendations: readonly ProductRecommendation[],
  count: number,
  minConfidence: number,
): { productId: string; name: string; because: string; confidence: number }[] {
  return recommendations
    .filter((r) => r.confidence >= minConfidence)
    .slice(0, count)
    .map((p) => ({
      productId: p.productId,
      name: p.name ?? p.productId,
      because: p.because.name ?? p.because.productId,
      confidence: p.confidence,
    }));
}

/**
 * Puts products the customer has not bought yet (what others bought with what they did:
 * the association rules) and a personal offer code into the journey context, for the next
 * message to use: `{{#each context.crossSell.products}}{{name}}{{/each}}`,
 * `{{context.crossSell.offerCode}}`, `{{context.crossSell.discountPercent}}`. Leaves
 * through `none` when there is no product to offer (the code is set all the same).
 */
export const crossSellAction = defineAction({
  type: 'cross_sell',
  version: 1,
  title: 'Cross-sell offer',
  description:
    'Pick products the customer has not bought (bought together by others) and an offer code for the next message.',
  category: 'data',
  icon: 'gift',
  config: z
    .strictObject({
      count: z.number().int().min(1).max(10).default(3).meta({
        title: 'Products',
        description: 'How many products to offer at most.',
      }),
      minConfidence: z.number().min(0).max(1).default(0.1).meta({
        title: 'Minimum confidence',
        description:
          'Of customers who bought the first product, the share who bought the offer too.',
      }),
      offerPrefix: z
        .string()
        .regex(/^[A-Z0-9]{0,12}$/, 'must be up to 12 capital letters or digits')
        .default('XSELL')
        .meta({
          title: 'Code prefix',
          description: 'The offer code starts with this, e.g. XSELL.',
        }),
      discountPercent: z.number().int().min(0).max(100).default(10).meta({
        title: 'Discount %',
        description: 'Put in the context for the message to show.',
      }),
    })
    .meta({ 'x-summary': '{{count}} products, code {{offerPrefix}}-…' }),
  outputs: ['found', 'none'],
  async execute(ctx, config) {
    const products = offeredProducts(
      await ctx.recommendations(recommendationsWanted(config.count)),
      config.count,
      config.minConfidence,
    );
    return {
      kind: 'continue',
      output: products.length > 0 ? 'found' : 'none',
      context: {
        crossSell: {
          products,
          offerCode: offerCode(config.offerPrefix, ctx.random()),
          discountPercent: config.discountPercent,
        },
      },
    };
  },
});
