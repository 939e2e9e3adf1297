import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Less to maintain on every journey step and every enrollment, nothing less enforced:
 * - `enrollment_steps_enrollment_node` (enrollment_id, node_id): every lookup of a run's
 *   steps goes by enrollment first, which the unique `enrollment_steps_visit`
 *   (enrollment_id, seq) answers (a run has a handful of steps); the stats query sorts by
 *   seq, which this index does not cover. It cost one more random B-tree insert per step.
 * - the foreign keys from enrollments to workspaces and journeys: an enrollment references
 *   its journey version, whose journey references the workspace, both ON DELETE CASCADE,
 *   so deleting either still deletes its runs; the two checks ran on every enrollment.
 */
export class LeanRunWrites1747000000000 implements MigrationInterface {
  name = 'LeanRunWrites1747000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS enrollment_steps_enrollment_node`);
    await q.query(
      `ALTER TABLE enrollments DROP CONSTRAINT IF EXISTS enrollments_workspace_id_fkey`,
    );
    await q.query(`ALTER TABLE enrollments DROP CONSTRAINT IF EXISTS enrollments_journey_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE enrollments ADD CONSTRAINT enrollments_journey_id_fkey
         FOREIGN KEY (journey_id) REFERENCES journeys(id) ON DELETE CASCADE`,
    );
    await q.query(
      `ALTER TABLE enrollments ADD CONSTRAINT enrollments_workspace_id_fkey
         FOREIGN KEY (workspace_id) REFERENCES workspaces(id) ON DELETE CASCADE`,
    );
    await q.query(
      `CREATE INDEX enrollment_steps_enrollment_node ON enrollment_steps (enrollment_id, node_id)`,
    );
  }
}
