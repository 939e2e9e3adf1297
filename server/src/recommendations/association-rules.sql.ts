/**
 * The products of each order: one row per (order event, product id), from the `products`
 * list of `Order Completed` events (items without a product_id are skipped). `$1` is the
 * workspace; `extra` narrows the events further (e.g. to one customer).
 */
export function basketItemsSql(extra = ''): string {
  return `SELECT DISTINCT e.id AS basket, p->>'product_id' AS product
            FROM events e
            CROSS JOIN LATERAL jsonb_array_elements(
              CASE WHEN jsonb_typeof(e.properties->'products') = 'array'
                   THEN e.properties->'products' ELSE '[]'::jsonb END) p
           WHERE e.workspace_id = $1 AND e.name = 'Order Completed'
             AND jsonb_typeof(p) = 'object' AND p ? 'product_id' ${extra}`;
}

/**
 * Every rule X → Y whose pair is in at least `$2` baskets, in one statement: support,
 * confidence and lift from the basket counts.
 */
export const INSERT_RULES_SQL = `
  WITH items AS (${basketItemsSql()}),
       n AS (SELECT count(DISTINCT basket)::float8 AS baskets FROM items),
       singles AS (SELECT product, count(*)::float8 AS c FROM items GROUP BY product),
       pairs AS (
         SELECT a.product AS x, b.product AS y, count(*) AS c
           FROM items a JOIN items b ON b.basket = a.basket AND b.product <> a.product
          GROUP BY 1, 2 HAVING count(*) >= $2)
  INSERT INTO association_rules (workspace_id, antecedent, consequent, pair_baskets, support, confidence, lift)
  SELECT $1, p.x, p.y, p.c, p.c / n.baskets, p.c / sx.c, (p.c / sx.c) / (sy.c / n.baskets)
    FROM pairs p
    JOIN singles sx ON sx.product = p.x
    JOIN singles sy ON sy.product = p.y
    CROSS JOIN n`;

/** The latest name and category of every product seen in orders. */
export const UPSERT_PRODUCTS_SQL = `
  INSERT INTO products (workspace_id, product_id, name, category)
  SELECT DISTINCT ON (p->>'product_id') $1::uuid, p->>'product_id', p->>'name', p->>'category'
    FROM events e
    CROSS JOIN LATERAL jsonb_array_elements(
      CASE WHEN jsonb_typeof(e.properties->'products') = 'array'
           THEN e.properties->'products' ELSE '[]'::jsonb END) p
   WHERE e.workspace_id = $1 AND e.name = 'Order Completed'
     AND jsonb_typeof(p) = 'object' AND p ? 'product_id'
   ORDER BY p->>'product_id', e.ts DESC
  ON CONFLICT (workspace_id, product_id) DO UPDATE SET
    name = COALESCE(EXCLUDED.name, products.name),
    category = COALESCE(EXCLUDED.category, products.category)`;
