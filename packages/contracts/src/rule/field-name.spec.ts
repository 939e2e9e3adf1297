import { describe, expect, it } from 'vitest';
import { fieldNameSchema, splitListPath } from './condition-value.schema.js';

describe('field names', () => {
  it('reach into one list of objects with []', () => {
    expect(fieldNameSchema.safeParse('products[].product_id').success).toBe(true);
    expect(fieldNameSchema.safeParse('order.items[].sku').success).toBe(true);
    expect(splitListPath('order.items[].sku')).toEqual({ list: 'order.items', field: 'sku' });
    expect(splitListPath('plan')).toBeNull();
  });

  it('refuse a list without a field, two lists, and brackets elsewhere', () => {
    for (const bad of ['products[]', 'a[].b[].c', 'a[0].b', 'a[ ].b', '[].b'])
      expect(fieldNameSchema.safeParse(bad).success, bad).toBe(false);
  });
});
