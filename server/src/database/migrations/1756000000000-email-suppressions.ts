import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Addresses a workspace no longer e-mails because their server refused them for good
 * (a hard bounce: no such mailbox, no such domain). One row per address, lower case;
 * removing it (the API) lets e-mail go to it again.
 */
export class EmailSuppressions1756000000000 implements MigrationInterface {
  name = 'EmailSuppressions1756000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_suppressions (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        address text NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, address)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS email_suppressions`);
  }
}
