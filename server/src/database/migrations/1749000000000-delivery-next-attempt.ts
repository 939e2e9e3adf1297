import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a waiting message is tried next: set when an attempt fails and will be retried
 * (the backoff, or the provider's Retry-After when longer), cleared by any other outcome
 * and by a retry from the Deliveries page. Null on a message not yet tried: it goes now.
 */
export class DeliveryNextAttempt1749000000000 implements MigrationInterface {
  name = 'DeliveryNextAttempt1749000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN IF EXISTS next_attempt_at`);
  }
}
