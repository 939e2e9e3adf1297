import { describe, expect, it } from 'vitest';
import { fakeContext } from './action-test-context.testing.js';
import { crossSellAction, offerCode } from './cross-sell.action.js';

const rec = (productId: string, confidence: number) => ({
  productId,
  name: `Product ${productId}`,
  because: { productId: 'A', name: 'Product A' },
  confidence,
  lift: 1.5,
});

describe('cross_sell', () => {
  const config = crossSellAction.parseConfig({ count: 2, minConfidence: 0.3 });
  if (!config.success) throw new Error('config');

  it('puts the strongest products above the confidence floor and a stable code in the context', async () => {
    const { ctx } = fakeContext({
      recommendations: [rec('B', 0.75), rec('E', 0.4), rec('F', 0.35), rec('G', 0.2)],
      random: 0.123,
    });
    const result = await crossSellAction.execute(ctx, config.data);
    expect(result).toEqual({
      kind: 'continue',
      output: 'found',
      context: {
        crossSell: {
          products: [
            { productId: 'B', name: 'Product B', because: 'Product A', confidence: 0.75 },
            { productId: 'E', name: 'Product E', because: 'Product A', confidence: 0.4 },
          ],
          offerCode: offerCode('XSELL', 0.123),
          discountPercent: 10,
        },
      },
    });
    expect(offerCode('XSELL', 0.123)).toMatch(/^XSELL-[0-9A-Z]{8}$/);
    expect(offerCode('', 0)).toBe('00000000');
  });

  it('leaves through "none" when nothing clears the floor, with the code all the same', async () => {
    const { ctx } = fakeContext({ recommendations: [rec('G', 0.2)], random: 0.5 });
    expect(await crossSellAction.execute(ctx, config.data)).toEqual({
      kind: 'continue',
      output: 'none',
      context: {
        crossSell: { products: [], offerCode: offerCode('XSELL', 0.5), discountPercent: 10 },
      },
    });
  });

  it('refuses a code prefix that would not survive a checkout form', () => {
    expect(crossSellAction.parseConfig({ offerPrefix: 'x-sell' }).success).toBe(false);
  });
});
