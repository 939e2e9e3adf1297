import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { onAdminConnection } from '../database/test-database.testing.js';
import { storedNumberLength } from './storable-value.util.js';

/**
 * The size limit of traits and properties counts numbers as Postgres prints them: the
 * count must be Postgres' own, for any double a client can send.
 */
describe('storedNumberLength against Postgres', () => {
  it('equals the length of the jsonb text Postgres writes for the JSON number', async () => {
    const finite = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.constantFrom(5e-324, -5e-324, 1e21, 9.99e20, 1e-6, 9.99e-7, Number.MAX_VALUE),
    );
    await onAdminConnection((client) =>
      fc.assert(
        fc.asyncProperty(fc.array(finite, { minLength: 1, maxLength: 50 }), async (numbers) => {
          const { rows } = await client.query<{ n: number }>(
            `SELECT length(value::text)::int AS n FROM jsonb_array_elements($1::jsonb) AS value`,
            [JSON.stringify(numbers)],
          );
          expect(numbers.map(storedNumberLength)).toEqual(rows.map((row) => row.n));
        }),
        { numRuns: 200 },
      ),
    );
  });
});
