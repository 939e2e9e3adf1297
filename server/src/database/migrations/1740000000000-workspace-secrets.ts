import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Named secrets of a workspace (API tokens for plugin nodes), read by ctx.secret(name). */
export class WorkspaceSecrets1740000000000 implements MigrationInterface {
  name = 'WorkspaceSecrets1740000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workspaces ADD COLUMN secrets jsonb NOT NULL DEFAULT '{}'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workspaces DROP COLUMN secrets`);
  }
}
