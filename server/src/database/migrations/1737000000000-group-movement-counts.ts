import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The from -> to counts between two snapshots, kept once computed: valid while both
 * snapshots have the computed_at they had then (a recomputation changes it).
 */
export class GroupMovementCounts1737000000000 implements MigrationInterface {
  name = 'GroupMovementCounts1737000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE group_movement_counts (
        from_snapshot_id uuid NOT NULL REFERENCES group_snapshots(id) ON DELETE CASCADE,
        to_snapshot_id uuid NOT NULL REFERENCES group_snapshots(id) ON DELETE CASCADE,
        from_computed_at timestamptz NOT NULL,
        to_computed_at timestamptz NOT NULL,
        counts jsonb NOT NULL,
        PRIMARY KEY (from_snapshot_id, to_snapshot_id)
      )`);
    await q.query(
      `CREATE INDEX group_movement_counts_to ON group_movement_counts (to_snapshot_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE group_movement_counts`);
  }
}
