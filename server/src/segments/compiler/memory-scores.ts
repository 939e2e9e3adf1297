import { createHash } from 'node:crypto';
import {
  RFM_DEFAULT_EVENT,
  RFM_DEFAULT_PROPERTY,
  type RfmCondition,
  type RfmMetric,
} from '@switchyard/contracts';
import { textAt, toNumber } from './memory-field.js';

/**
 * Workspace-wide computations of the memory evaluator: RFM quintiles and random buckets.
 * Both need customer ids (bigint text, as stored).
 */
export interface ScoredCustomer {
  id?: string;
  firstSeenAt: number;
  events: readonly { name: string; properties: Record<string, unknown>; ts: number }[];
}

/** Postgres' ntile(n) for the row at `index` (0-based) of `total` ordered rows. */
export function ntile(index: number, total: number, buckets: number): number {
  const size = Math.floor(total / buckets);
  const remainder = total % buckets;
  if (size === 0) return index + 1;
  // The first `remainder` buckets hold size + 1 rows.
  const big = remainder * (size + 1);
  return index < big
    ? Math.floor(index / (size + 1)) + 1
    : remainder + Math.floor((index - big) / size) + 1;
}

function byIdThen(metric: (m: Metric) => number) {
  return (a: Metric, b: Metric): number => {
    const d = metric(a) - metric(b);
    if (d !== 0) return d;
    const x = BigInt(a.id);
    const y = BigInt(b.id);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

interface Metric {
  id: string;
  lastAt: number;
  orders: number;
  spend: number;
}

const METRIC: Readonly<Record<RfmMetric, (m: Metric) => number>> = {
  recency: (m) => m.lastAt,
  frequency: (m) => m.orders,
  monetary: (m) => m.spend,
};

/**
 * The customer's RFM score (1-5) as of `asOf`, or null without a matching event: ntile(5)
 * over the customers first seen by then with at least one `event` by then, ordered by
 * the metric and then by id.
 */
export function rfmScore(
  c: RfmCondition,
  customer: ScoredCustomer,
  customers: readonly ScoredCustomer[],
  asOf: number,
): number | null {
  const event = c.event ?? RFM_DEFAULT_EVENT;
  const property = c.property ?? RFM_DEFAULT_PROPERTY;
  const metrics: Metric[] = [];
  for (const candidate of customers) {
    if (candidate.firstSeenAt > asOf) continue;
    const orders = candidate.events.filter((e) => e.name === event && e.ts <= asOf);
    if (orders.length === 0) continue;
    metrics.push({
      id: customerId(candidate),
      lastAt: Math.max(...orders.map((e) => e.ts)),
      orders: orders.length,
      spend: orders.reduce((sum, e) => sum + (toNumber(textAt(e.properties, property)) ?? 0), 0),
    });
  }
  metrics.sort(byIdThen(METRIC[c.rfm]));
  const index = metrics.findIndex((m) => m.id === customerId(customer));
  return index < 0 ? null : ntile(index, metrics.length, 5);
}

/** First 32 bits of md5("<id>:<salt>") as an unsigned number, modulo 100. */
export function randomBucket(customer: ScoredCustomer, salt: string): number {
  const hex = createHash('md5')
    .update(`${customerId(customer)}:${salt}`)
    .digest('hex');
  return parseInt(hex.slice(0, 8), 16) % 100;
}

function customerId(customer: ScoredCustomer): string {
  if (customer.id === undefined)
    throw new Error('rfm and random conditions need customer ids in the memory evaluator');
  return customer.id;
}
