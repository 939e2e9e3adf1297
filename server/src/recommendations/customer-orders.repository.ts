import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OrderSummary } from '@switchyard/sdk';
import type { DataSource } from 'typeorm';
import { type Queryable, selectOne } from '../database/sql.util.js';

const PRODUCTS = `CASE WHEN jsonb_typeof(o.properties->'products') = 'array'
                       THEN o.properties->'products' ELSE '[]'::jsonb END`;

/** A customer's `Order Completed` events as of a time, summed up in one query. */
export const ORDER_SUMMARY_SQL = `
  WITH orders AS (
    SELECT e.ts, e.properties FROM events e
     WHERE e.workspace_id = $1 AND e.customer_id = $2::bigint AND e.name = 'Order Completed'
       AND e.ts <= $3::timestamptz
  ), last AS (
    SELECT o.ts, (SELECT p->>'name' FROM jsonb_array_elements(${PRODUCTS}) p
                   WHERE jsonb_typeof(p) = 'object' AND p ? 'name' LIMIT 1) AS product
      FROM orders o ORDER BY o.ts DESC LIMIT 1
  ), categories AS (
    SELECT p->>'category' AS category, count(*) AS n, max(o.ts) AS latest
      FROM orders o CROSS JOIN LATERAL jsonb_array_elements(${PRODUCTS}) p
     WHERE jsonb_typeof(p) = 'object' AND p->>'category' IS NOT NULL
     GROUP BY 1 ORDER BY n DESC, latest DESC LIMIT 1
  )
  SELECT (SELECT count(*) FROM orders)::int AS orders,
         (SELECT coalesce(sum((o.properties->>'total')::numeric), 0) FROM orders o
           WHERE o.properties->>'total' ~ '^-?[0-9]+(\\.[0-9]+)?$')::float8 AS total_spent,
         (SELECT ts FROM last) AS last_order_at,
         (SELECT product FROM last) AS last_product,
         (SELECT category FROM categories) AS favourite_category`;

@Injectable()
export class CustomerOrdersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async summary(
    workspaceId: string,
    customerId: string,
    asOf: Date,
    em: Queryable = this.db,
  ): Promise<OrderSummary> {
    const row = await selectOne<{
      orders: number;
      total_spent: number;
      last_order_at: Date | null;
      last_product: string | null;
      favourite_category: string | null;
    }>(em, ORDER_SUMMARY_SQL, [workspaceId, customerId, asOf]);
    const last = row?.last_order_at ?? null;
    return {
      orders: row?.orders ?? 0,
      totalSpent: row?.total_spent ?? 0,
      lastOrderAt: last?.toISOString() ?? null,
      daysSinceLastOrder: last ? Math.floor((asOf.getTime() - last.getTime()) / 86_400_000) : null,
      lastProduct: row?.last_product ?? null,
      favouriteCategory: row?.favourite_category ?? null,
    };
  }
}
