import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Deliveries page lists a workspace's failed messages newest first. Only rows that end
 * failed are in this index, so sending (insert pending, update to sent) never writes to it.
 */
export class FailedDeliveries1748000000000 implements MigrationInterface {
  name = 'FailedDeliveries1748000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX outbox_failed ON outbox (workspace_id, created_at DESC, id DESC) WHERE status = 'failed'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS outbox_failed`);
  }
}
