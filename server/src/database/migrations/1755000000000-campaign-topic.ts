import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The subscription topic a campaign's e-mail goes out under: its launched journey's send
 * step names it. Deleting the topic leaves the campaign without one.
 */
export class CampaignTopic1755000000000 implements MigrationInterface {
  name = 'CampaignTopic1755000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE campaigns ADD COLUMN topic_id uuid REFERENCES subscription_topics(id) ON DELETE SET NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns DROP COLUMN IF EXISTS topic_id`);
  }
}
