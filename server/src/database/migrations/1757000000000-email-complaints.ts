import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spam complaints that e-mail providers report back (POST /v1/email/feedback): one row per
 * complaint, kept whatever the customer does next, so a step's complaint rate is history
 * and not the current subscriptions. The run and node come from the e-mail's Message-ID;
 * a provider's repeat of the same report is dropped by its (workspace, Message-ID) key.
 * A complaint also unsubscribes the customer from marketing e-mail: the opt-out's source
 * `complaint`.
 */
export class EmailComplaints1757000000000 implements MigrationInterface {
  name = 'EmailComplaints1757000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_complaints (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        address text NOT NULL,
        message_id text,
        enrollment_id uuid,
        node_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX email_complaints_message ON email_complaints (workspace_id, message_id)
        WHERE message_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX email_complaints_enrollment ON email_complaints (enrollment_id)
        WHERE enrollment_id IS NOT NULL`,
    );
    await q.query(`
      ALTER TABLE channel_opt_outs DROP CONSTRAINT IF EXISTS channel_opt_outs_source_check,
        ADD CONSTRAINT channel_opt_outs_source_check
          CHECK (source IN ('link', 'one_click', 'api', 'reply', 'complaint'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM channel_opt_outs WHERE source = 'complaint'`);
    await q.query(`
      ALTER TABLE channel_opt_outs DROP CONSTRAINT IF EXISTS channel_opt_outs_source_check,
        ADD CONSTRAINT channel_opt_outs_source_check
          CHECK (source IN ('link', 'one_click', 'api', 'reply'))`);
    await q.query(`DROP TABLE IF EXISTS email_complaints`);
  }
}
