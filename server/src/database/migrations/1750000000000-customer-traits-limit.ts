import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The error a write gets when it would grow a customer's traits past their limit
 * (customers/customer-traits-limit.sql.ts calls it from a CASE, so it runs only then).
 * VOLATILE (the default), so the planner never evaluates it ahead of the CASE.
 */
export class CustomerTraitsLimit1750000000000 implements MigrationInterface {
  name = 'CustomerTraitsLimit1750000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION customer_traits_too_large(external_id text, max_bytes integer)
      RETURNS jsonb LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the traits of customer % would take more than % bytes', external_id, max_bytes
          USING ERRCODE = 'program_limit_exceeded', DETAIL = external_id,
                CONSTRAINT = 'customer_traits_size';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS customer_traits_too_large(text, integer)`);
  }
}
