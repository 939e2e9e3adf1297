import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir } from './switchyard.harness.js';

export interface CdnowOrder {
  line: number;
  customer: string;
  date: string;
  ts: number;
  quantity: number;
  total: number;
}

/** The first `limit` purchase rows (after the header) of the CDNOW log, read from ../shared (never copied into the repo). */
export function readCdnow(limit: number): CdnowOrder[] {
  const text = readFileSync(join(sharedDir, 'data', 'cdnow_master.txt'), 'utf8');
  const orders: CdnowOrder[] = [];
  for (const raw of text.split('\n')) {
    if (orders.length >= limit) break;
    const parts = raw.trim().split(/\s+/);
    // The file starts with a header line (customer_id date ...); rows are CRLF-terminated.
    if (parts.length < 4 || !/^\d+$/.test(parts[0] as string)) continue;
    const [id, ymd, qty, amount] = parts as [string, string, string, string];
    const date = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
    orders.push({
      line: orders.length + 1,
      customer: String(Number(id)),
      date,
      ts: Date.parse(`${date}T00:00:00Z`),
      quantity: Number(qty),
      total: Number(amount),
    });
  }
  return orders;
}

/** NDJSON for /api/imports: one identify per customer (with an e-mail) and one track per order. */
export function cdnowNdjson(orders: CdnowOrder[]): string {
  const firstOrder = new Map<string, string>();
  for (const o of orders) if (!firstOrder.has(o.customer)) firstOrder.set(o.customer, o.date);
  const lines: string[] = [];
  for (const [customer, date] of firstOrder) {
    lines.push(
      JSON.stringify({
        type: 'identify',
        userId: customer,
        traits: { email: cdnowEmail(customer), first_name: `Fan ${customer}` },
        timestamp: `${date}T00:00:00.000Z`,
        messageId: `cdnow-identify-${customer}`,
      }),
    );
  }
  for (const o of orders) {
    lines.push(
      JSON.stringify({
        type: 'track',
        userId: o.customer,
        event: 'Order Completed',
        properties: { total: o.total, quantity: o.quantity },
        timestamp: `${o.date}T00:00:00.000Z`,
        messageId: `cdnow-${o.line}`,
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function cdnowEmail(customer: string): string {
  return `fan${customer}@cdnow.test`;
}

/** End of day D, UTC: how the API reads `asOf: 'YYYY-MM-DD'`. */
export function endOfDay(date: string): number {
  return Date.parse(`${date}T23:59:59.999Z`);
}

/** Customers with at least one order in (asOf - days, asOf]. Computed from the raw rows. */
export function orderedWithin(orders: CdnowOrder[], asOf: number, days: number): Set<string> {
  const from = asOf - days * 86_400_000;
  const members = new Set<string>();
  for (const o of orders) if (o.ts > from && o.ts <= asOf) members.add(o.customer);
  return members;
}

export function difference(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a].filter((x) => !b.has(x)));
}
