import type {
  NumericOp,
  NumericValue,
  Rule,
  TemplateEventRequirement,
} from '@switchyard/contracts';

/**
 * Rule builders shared by the commerce templates: every rule reads `Order Completed`
 * events (Segment's e-commerce spec) and their `total` property.
 */
export const ORDER_EVENT = 'Order Completed';
export const ORDER_TOTAL = 'total';

export const orderEventRequirement: TemplateEventRequirement = {
  name: ORDER_EVENT,
  properties: [{ name: ORDER_TOTAL, type: 'number', description: 'Order value' }],
};

/** Number of orders, all time or in the last `lastDays` days. */
export function orderCount(op: NumericOp, value: NumericValue, lastDays?: number): Rule {
  return {
    event: ORDER_EVENT,
    aggregate: { fn: 'count' },
    op,
    value,
    ...(lastDays ? { window: { lastDays } } : {}),
  };
}

/** Sum of `total`, all time or in the last `lastDays` days. */
export function orderSpend(op: NumericOp, value: NumericValue, lastDays?: number): Rule {
  return {
    event: ORDER_EVENT,
    aggregate: { fn: 'sum', property: ORDER_TOTAL },
    op,
    value,
    ...(lastDays ? { window: { lastDays } } : {}),
  };
}

/** Whole days since the last order (false for a customer who never ordered). */
export function daysSinceLastOrder(op: NumericOp, value: NumericValue): Rule {
  return { event: ORDER_EVENT, measure: 'daysSinceLast', op, value };
}

/** Whole days since the first order (false for a customer who never ordered). */
export function daysSinceFirstOrder(op: NumericOp, value: NumericValue): Rule {
  return { event: ORDER_EVENT, measure: 'daysSinceFirst', op, value };
}
