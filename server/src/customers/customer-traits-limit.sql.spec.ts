import { CUSTOMER_TRAITS_MAX_BYTES } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import {
  TRAITS_LIMIT_CONSTRAINT,
  traitsTooLargeFor,
  traitsTooLargeMessage,
  traitsWithinLimitSql,
} from './customer-traits-limit.sql.js';

const refused = { code: '54000', constraint: TRAITS_LIMIT_CONSTRAINT, detail: 'ada' };

describe('the limit on a customer’s traits', () => {
  it('tells its error apart, also wrapped by TypeORM or as a cause', () => {
    expect(traitsTooLargeFor(refused)).toBe('ada');
    expect(traitsTooLargeFor({ message: 'query failed', driverError: refused })).toBe('ada');
    expect(traitsTooLargeFor(new Error('batch failed', { cause: refused }))).toBe('ada');
  });

  it('leaves every other error alone', () => {
    expect(traitsTooLargeFor(new Error('connection reset'))).toBeNull();
    expect(traitsTooLargeFor({ code: '54000', constraint: 'other', detail: 'ada' })).toBeNull();
    expect(traitsTooLargeFor({ code: '23514', constraint: TRAITS_LIMIT_CONSTRAINT })).toBeNull();
    expect(traitsTooLargeFor(null)).toBeNull();
    expect(traitsTooLargeFor('54000')).toBeNull();
  });

  it('checks the expression against the limit of the code, with no value of a request', () => {
    const sql = traitsWithinLimitSql('c.traits || EXCLUDED.traits', 'c.external_id');
    expect(sql).toContain(
      `octet_length((c.traits || EXCLUDED.traits)::text) <= ${CUSTOMER_TRAITS_MAX_BYTES}`,
    );
    expect(sql).toContain(`customer_traits_too_large(c.external_id, ${CUSTOMER_TRAITS_MAX_BYTES})`);
    expect(sql).not.toMatch(/\$\d/);
  });

  it('lets a profile already past the limit take what leaves it no larger', () => {
    const sql = traitsWithinLimitSql('m', 'c.external_id', 'c.traits');
    expect(sql).toContain(`WHEN octet_length((m)::text) <= ${CUSTOMER_TRAITS_MAX_BYTES} THEN true`);
    // The stored traits are measured only for traits past the limit.
    expect(sql).toContain('ELSE octet_length((m)::text) <= octet_length((c.traits)::text) END');
    expect(traitsWithinLimitSql('m', 'c.external_id')).not.toContain('c.traits');
  });

  it('names the customer and the limit', () => {
    expect(traitsTooLargeMessage('ada')).toBe(
      'the traits of customer "ada" would take more than 256 KB as stored (the limit for one customer); nothing of this was stored',
    );
  });
});
