import {
  DEMO_CATEGORIES,
  DEMO_CITIES,
  DEMO_FIRST_NAMES,
  DEMO_LAST_NAMES,
  DEMO_PRODUCTS,
  type DemoProduct,
} from './demo-catalogue.js';
import { DemoRandom } from './demo-random.js';

/**
 * A synthetic shop as NDJSON lines in the import format (`POST /api/imports`): one
 * identify per customer, then a year of `Order Completed` (Segment e-commerce spec) and
 * `Product Viewed` events ending at `now`. Same seed and `now`, same lines.
 */
export const DEMO_SHOP_CUSTOMERS = 2000;

export type DemoLifecycle = 'one-time' | 'occasional' | 'loyal' | 'lapsed' | 'new' | 'browser';

const LIFECYCLE_WEIGHTS: Record<DemoLifecycle, number> = {
  'one-time': 30,
  occasional: 22,
  loyal: 12,
  lapsed: 16,
  new: 8,
  browser: 12,
};

const DAY = 86_400_000;
const MINUTE = 60_000;
const YEAR = 365 * DAY;

export interface DemoShopOptions {
  customers?: number;
}

interface TimedLine {
  at: number;
  message: Record<string, unknown>;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Signup time (ms) by lifecycle: new customers joined this month, lapsed ones long ago. */
function signupTime(r: DemoRandom, lifecycle: DemoLifecycle, now: number): number {
  const daysAgo = (() => {
    switch (lifecycle) {
      case 'new':
        return r.int(0, 29);
      case 'lapsed':
        return r.int(200, 730);
      case 'loyal':
        return r.int(90, 730);
      case 'one-time':
      case 'occasional':
      case 'browser':
        return r.int(35, 730);
      default: {
        const unknown: never = lifecycle;
        throw new Error(`unknown lifecycle ${String(unknown)}`);
      }
    }
  })();
  return Math.min(now, now - daysAgo * DAY - r.int(0, DAY - 1));
}

/** Order times of one customer; all within the last year, after signup, not after now. */
function orderTimes(
  r: DemoRandom,
  lifecycle: DemoLifecycle,
  signupAt: number,
  now: number,
): number[] {
  const start = Math.max(signupAt, now - YEAR);
  const available = Math.max(0, Math.floor((now - start) / DAY));
  const jitter = () => r.int(0, 14 * 60) * MINUTE;
  const series = (from: number, until: number, minGap: number, maxGap: number): number[] => {
    const times: number[] = [];
    for (let t = from; t <= until; t += r.int(minGap, maxGap) * DAY)
      times.push(Math.min(t + jitter(), until));
    return times;
  };
  switch (lifecycle) {
    case 'one-time':
      return [Math.min(now, start + r.int(0, Math.max(0, available - 7)) * DAY + jitter())];
    case 'occasional':
      return series(start + r.int(0, Math.min(60, available)) * DAY, now, 30, 120).slice(
        0,
        r.int(2, 4),
      );
    case 'loyal': {
      const times = series(start + r.int(0, 20) * DAY, now, 10, 40);
      const last = times[times.length - 1] ?? 0;
      if (last < now - 45 * DAY) times.push(now - r.int(1, 20) * DAY);
      return times;
    }
    case 'lapsed': {
      const stop = start + 30 * DAY + r.int(0, Math.max(0, available - 150)) * DAY;
      const times = series(start + r.int(0, 20) * DAY, stop, 15, 60);
      return times.length >= 2 ? times : [start + jitter(), stop];
    }
    case 'new': {
      if (!r.chance(0.7)) return [];
      const first = Math.min(
        now,
        signupAt + r.int(0, Math.floor((now - signupAt) / DAY)) * DAY + jitter(),
      );
      return r.chance(0.2) ? [first, Math.min(now, first + r.int(1, 5) * DAY)] : [first];
    }
    case 'browser':
      return [];
    default: {
      const unknown: never = lifecycle;
      throw new Error(`unknown lifecycle ${String(unknown)}`);
    }
  }
}

function orderProducts(r: DemoRandom, favourite: string, lifecycle: DemoLifecycle): DemoProduct[] {
  const count = lifecycle === 'loyal' ? r.int(1, 4) : r.int(1, 3);
  const favourites = DEMO_PRODUCTS.filter((p) => p.category === favourite);
  const chosen = new Map<string, DemoProduct>();
  for (let i = 0; i < count; i++) {
    const product = r.chance(0.7) ? r.pick(favourites) : r.pick(DEMO_PRODUCTS);
    chosen.set(product.product_id, product);
  }
  return [...chosen.values()];
}

function viewed(product: DemoProduct, at: number, messageId: string, userId: string): TimedLine {
  return {
    at,
    message: {
      type: 'track',
      userId,
      event: 'Product Viewed',
      messageId,
      timestamp: new Date(at).toISOString(),
      properties: { ...product, currency: 'USD' },
    },
  };
}

/** All lines of one customer, identify first, events in time order. */
function customerLines(r: DemoRandom, seed: number, index: number, now: number): string[] {
  const lifecycle = r.weighted(LIFECYCLE_WEIGHTS);
  const userId = `demo-${String(index).padStart(5, '0')}`;
  const firstName = r.pick(DEMO_FIRST_NAMES);
  const lastName = r.pick(DEMO_LAST_NAMES);
  const place = r.pick(DEMO_CITIES);
  const favourite = r.pick(DEMO_CATEGORIES);
  const signupAt = signupTime(r, lifecycle, now);
  const plan =
    lifecycle === 'loyal'
      ? r.weighted({ premium: 50, plus: 35, free: 15 })
      : r.weighted({ free: 60, plus: 30, premium: 10 });
  const birthday = `${r.int(1960, 2004)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  let counter = 0;
  const nextId = () => `demo-${seed}-${index}-${++counter}`;
  const identify = {
    type: 'identify',
    userId,
    messageId: nextId(),
    timestamp: new Date(signupAt).toISOString(),
    traits: {
      email: `${firstName}.${lastName}.${index}@example.com`.toLowerCase(),
      first_name: firstName,
      last_name: lastName,
      city: place.city,
      country: place.country,
      plan,
      signed_up_at: new Date(signupAt).toISOString(),
      birthday,
    },
  };
  const events: TimedLine[] = [];
  const orders = orderTimes(r, lifecycle, signupAt, now);
  for (const at of orders) {
    const items = orderProducts(r, favourite, lifecycle).map((p) => ({
      ...p,
      quantity: r.chance(0.8) ? 1 : r.int(2, 3),
    }));
    for (const item of items.slice(0, r.int(0, 2)))
      events.push(viewed(item, Math.max(signupAt, at - r.int(5, 180) * MINUTE), nextId(), userId));
    events.push({
      at,
      message: {
        type: 'track',
        userId,
        event: 'Order Completed',
        messageId: nextId(),
        timestamp: new Date(at).toISOString(),
        properties: {
          order_id: `o-${seed}-${index}-${counter}`,
          total: round2(items.reduce((sum, i) => sum + i.price * i.quantity, 0)),
          currency: 'USD',
          products: items,
        },
      },
    });
  }
  const browseFrom = Math.max(signupAt, now - YEAR);
  const browseUntil = lifecycle === 'lapsed' ? Math.max(...orders) : now;
  for (let i = r.int(lifecycle === 'browser' ? 2 : 0, lifecycle === 'browser' ? 8 : 3); i > 0; i--)
    events.push(
      viewed(
        r.pick(DEMO_PRODUCTS),
        browseFrom + Math.floor(r.float() * (browseUntil - browseFrom)),
        nextId(),
        userId,
      ),
    );
  events.sort((a, b) => a.at - b.at);
  return [JSON.stringify(identify), ...events.map((e) => JSON.stringify(e.message))];
}

/** NDJSON lines (without newlines) of the demo shop. */
export function* generateDemoShop(
  seed: number,
  now: Date,
  options: DemoShopOptions = {},
): Generator<string> {
  const r = new DemoRandom(seed);
  const end = now.getTime();
  for (let index = 1; index <= (options.customers ?? DEMO_SHOP_CUSTOMERS); index++)
    yield* customerLines(r, seed, index, end);
}
