import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where an audience's members came from (segment, external ids, a movement), as JSON. */
export class AudienceSources1736000000000 implements MigrationInterface {
  name = 'AudienceSources1736000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audiences ADD COLUMN source jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audiences DROP COLUMN source`);
  }
}
