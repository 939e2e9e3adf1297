import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The journey step whose e-mail a customer unsubscribed through (the run and node named
 * by the link), so a node, and a campaign, can show its unsubscribes. Null for an
 * unsubscribe from the API, an SMS reply or a link made before this.
 */
export class OptOutSourceStep1752000000000 implements MigrationInterface {
  name = 'OptOutSourceStep1752000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE channel_opt_outs ADD COLUMN enrollment_id uuid, ADD COLUMN node_id text`,
    );
    await q.query(
      `CREATE INDEX channel_opt_outs_enrollment ON channel_opt_outs (enrollment_id)
        WHERE enrollment_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS channel_opt_outs_enrollment`);
    await q.query(
      `ALTER TABLE channel_opt_outs DROP COLUMN IF EXISTS enrollment_id, DROP COLUMN IF EXISTS node_id`,
    );
  }
}
