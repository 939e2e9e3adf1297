import { type CustomerLookupQuery, INTERNAL_CUSTOMER_ID } from '@switchyard/contracts';

/** One way to find a customer: by internal id (bigint, as a string) or by external id. */
export type CustomerKey =
  { column: 'id'; value: string } | { column: 'external_id'; value: string };

/**
 * The keys to try, in order, for `GET /api/customers/:id?by=`. `auto` tries an id of
 * digits as the internal id first and then as an external id. Returns null when `by=id`
 * is asked with something that cannot be an internal id.
 */
export function customerKeys(id: string, by: CustomerLookupQuery['by']): CustomerKey[] | null {
  const looksInternal = INTERNAL_CUSTOMER_ID.test(id);
  switch (by) {
    case 'id':
      return looksInternal ? [{ column: 'id', value: id }] : null;
    case 'externalId':
      return [{ column: 'external_id', value: id }];
    case 'auto':
      return looksInternal
        ? [
            { column: 'id', value: id },
            { column: 'external_id', value: id },
          ]
        : [{ column: 'external_id', value: id }];
    default: {
      const unknown: never = by;
      throw new Error(`unknown lookup ${String(unknown)}`);
    }
  }
}

/** The condition that finds the customer of `key` in `customers`: its value is `$2`. */
export function customerKeySql(key: CustomerKey): string {
  return key.column === 'id' ? 'id = $2::bigint' : 'external_id = $2';
}
