/**
 * A customer's `phone` trait as compared with an E.164 number: without the spaces, dashes,
 * dots and parentheses people type. The expression of the `customers_phone` index
 * (migration 1753): a query finds customers by phone through the index only when it
 * writes this expression exactly, with `traits ? 'phone'`, the index's condition.
 */
export const CUSTOMER_PHONE_SQL = `regexp_replace(traits->>'phone', '[\\s().-]', '', 'g')`;

/** The workspace's ($1) customers whose phone is $2 (E.164). */
export const CUSTOMERS_BY_PHONE_SQL = `SELECT id::text FROM customers
  WHERE workspace_id = $1 AND traits ? 'phone' AND ${CUSTOMER_PHONE_SQL} = $2`;
