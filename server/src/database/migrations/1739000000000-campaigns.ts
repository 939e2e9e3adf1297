import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Campaigns: generated content for an audience, launched once through a journey. */
export class Campaigns1739000000000 implements MigrationInterface {
  name = 'Campaigns1739000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL,
        tone text NOT NULL,
        audience_id uuid NOT NULL REFERENCES audiences(id) ON DELETE RESTRICT,
        subject text NOT NULL,
        preheader text NOT NULL DEFAULT '',
        html text NOT NULL,
        text text NOT NULL DEFAULT '',
        holdout_percent int NOT NULL DEFAULT 0 CHECK (holdout_percent BETWEEN 0 AND 50),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'launched')),
        journey_id uuid REFERENCES journeys(id) ON DELETE SET NULL,
        launched_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX campaigns_workspace ON campaigns (workspace_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE campaigns`);
  }
}
