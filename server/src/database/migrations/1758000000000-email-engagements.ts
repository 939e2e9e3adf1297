import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Opens and clicks of journey e-mails (the pixel and the tracked links, EngagementLinks):
 * the first open of an e-mail and the first click of each of its links, per run and step.
 * A reload, a mail client fetching images again or a second click adds nothing, which
 * bounds what a public URL can write. Deleting the run keeps the row (the step's counts
 * are read through runs, so they drop with it).
 */
export class EmailEngagements1758000000000 implements MigrationInterface {
  name = 'EmailEngagements1758000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_engagements (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        customer_id bigint NOT NULL,
        enrollment_id uuid NOT NULL,
        node_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('open', 'click')),
        url text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (enrollment_id, node_id, kind, url)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS email_engagements`);
  }
}
