import { describe, expect, it } from 'vitest';
import { parseImportLine } from '../../imports/import-lines.util.js';
import { DEMO_CATEGORIES, DEMO_PRODUCTS } from './demo-catalogue.js';
import { DEMO_SHOP_CUSTOMERS, generateDemoShop } from './demo-shop.generator.js';

const NOW = new Date('2025-06-15T12:00:00Z');
const DAY = 86_400_000;

interface Line {
  type: 'identify' | 'track';
  userId: string;
  event?: string;
  messageId: string;
  timestamp: string;
  traits?: Record<string, string>;
  properties?: {
    order_id?: string;
    total?: number;
    currency?: string;
    products?: {
      product_id: string;
      sku: string;
      name: string;
      category: string;
      price: number;
      quantity: number;
    }[];
  };
}

const lines = [...generateDemoShop(7, NOW)];
const messages = lines.map((l) => JSON.parse(l) as Line);
const orders = messages.filter((m) => m.event === 'Order Completed');

function ordersByCustomer(): Map<string, number[]> {
  const byCustomer = new Map<string, number[]>();
  for (const m of messages.filter((x) => x.type === 'identify')) byCustomer.set(m.userId, []);
  for (const o of orders) byCustomer.get(o.userId)?.push(Date.parse(o.timestamp));
  return byCustomer;
}

describe('generateDemoShop', () => {
  it('is deterministic: same seed and date, same lines; another seed, other lines', () => {
    expect([...generateDemoShop(7, NOW)]).toEqual(lines);
    expect([...generateDemoShop(8, NOW, { customers: 50 })]).not.toEqual([
      ...generateDemoShop(7, NOW, { customers: 50 }),
    ]);
  });

  it('writes lines the import accepts, with unique message ids', () => {
    lines.forEach((text, i) =>
      expect(parseImportLine({ number: i + 1, text }).kind).toBe('message'),
    );
    expect(new Set(messages.map((m) => m.messageId)).size).toBe(lines.length);
  });

  it('identifies about 2,000 customers with the traits of a shop', () => {
    const identifies = messages.filter((m) => m.type === 'identify');
    expect(identifies).toHaveLength(DEMO_SHOP_CUSTOMERS);
    const first = identifies[0]?.traits ?? {};
    expect(Object.keys(first).sort()).toEqual(
      [
        'birthday',
        'city',
        'country',
        'email',
        'first_name',
        'last_name',
        'plan',
        'signed_up_at',
      ].sort(),
    );
    expect(first.email).toBe(`${first.first_name}.${first.last_name}.1@example.com`.toLowerCase());
  });

  it('records a year of Segment-spec orders from the catalogue, ending now', () => {
    expect(DEMO_PRODUCTS).toHaveLength(30);
    expect(DEMO_CATEGORIES).toHaveLength(6);
    expect(orders.length).toBeGreaterThan(4000);
    const catalogue = new Map(DEMO_PRODUCTS.map((p) => [p.product_id, p]));
    for (const o of orders) {
      const at = Date.parse(o.timestamp);
      expect(at).toBeLessThanOrEqual(NOW.getTime());
      expect(at).toBeGreaterThanOrEqual(NOW.getTime() - 365 * DAY);
      const products = o.properties?.products ?? [];
      expect(products.length).toBeGreaterThan(0);
      for (const p of products)
        expect(catalogue.get(p.product_id)).toMatchObject({ sku: p.sku, price: p.price });
      const total = products.reduce((sum, p) => sum + p.price * p.quantity, 0);
      expect(o.properties?.total).toBeCloseTo(total, 2);
      expect(o.properties?.currency).toBe('USD');
    }
    expect(messages.some((m) => m.event === 'Product Viewed')).toBe(true);
    expect(messages.every((m) => Date.parse(m.timestamp) <= NOW.getTime())).toBe(true);
  });

  it('has the lifecycle shapes: one-time, loyal, lapsed, new this month and never bought', () => {
    const byCustomer = [...ordersByCustomer().values()];
    const count = (test: (times: number[]) => boolean) => byCustomer.filter(test).length;
    const now = NOW.getTime();
    expect(count((t) => t.length === 1)).toBeGreaterThan(300);
    expect(count((t) => t.length >= 8 && Math.max(...t) > now - 45 * DAY)).toBeGreaterThan(100);
    expect(count((t) => t.length >= 2 && Math.max(...t) < now - 120 * DAY)).toBeGreaterThan(150);
    expect(count((t) => t.length === 0)).toBeGreaterThan(150);
    const newThisMonth = messages.filter(
      (m) => m.type === 'identify' && Date.parse(m.traits?.signed_up_at ?? '') > now - 30 * DAY,
    );
    expect(newThisMonth.length).toBeGreaterThan(80);
  });
});
