import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A workspace's own SMTP server (`PUT /api/workspace/settings {emailProvider}`): its URL,
 * login included, and sender, sealed as one value like `sms_provider` (a jsonb string,
 * see WorkspaceCredentialsService). NULL: SMTP_URL and EMAIL_FROM of the installation.
 */
export class WorkspaceSmtp1746000000000 implements MigrationInterface {
  name = 'WorkspaceSmtp1746000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workspaces ADD COLUMN email_provider jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workspaces DROP COLUMN email_provider`);
  }
}
