import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The active runs of a customer, by one index probe. Ingest (ingest-statement.sql.ts),
 * EventWakeService and the segment-exit checks look runs up by customer among the active
 * ones. With only `enrollments_customer` and the partial `enrollments_due`, stale
 * statistics (a busy table between two vacuums) led the planner to AND the two bitmaps,
 * reading every active run's entry of `enrollments_due` once per customer: 2 ms per
 * customer, seconds per ingest statement, with the batch's customer rows locked meanwhile.
 * A partial index on the customer of active runs answers those lookups alone.
 */
export class ActiveRunsByCustomer1745000000000 implements MigrationInterface {
  name = 'ActiveRunsByCustomer1745000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX enrollments_active_customer ON enrollments (customer_id) WHERE status = 'active'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX enrollments_active_customer`);
  }
}
