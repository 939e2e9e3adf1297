import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CUSTOMER_PHONE_SQL } from '../../subscriptions/customer-phone.sql.js';

/**
 * Finds a workspace's customers by their `phone` trait, normalised as people write it
 * (spaces, dashes, dots and parentheses left out), for SMS replies (STOP, START): after a
 * text to a million customers thousands reply within minutes, and each would otherwise
 * read every customer of the workspace. Partial: customers without a phone (most, and
 * every imported purchase log) have no entry. Customers are still updated in place (HOT)
 * unless their traits change.
 */
export class CustomersByPhone1753000000000 implements MigrationInterface {
  name = 'CustomersByPhone1753000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX customers_phone ON customers (workspace_id, (${CUSTOMER_PHONE_SQL}))
        WHERE traits ? 'phone'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS customers_phone`);
  }
}
