import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Segment groups, their snapshots (one per as-of time), the moves between consecutive
 * snapshots, and backfills (many snapshots computed by a queue job).
 */
export class SegmentGroups1733000000000 implements MigrationInterface {
  name = 'SegmentGroups1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE segment_groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name text NOT NULL,
        description text,
        -- {label, color, growthIsGood} of bucket 0
        fallback jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX segment_groups_workspace ON segment_groups (workspace_id)`);
    // A segment used by a group cannot be deleted (RESTRICT): the group's history refers to it.
    await q.query(`
      CREATE TABLE segment_group_members (
        group_id uuid NOT NULL REFERENCES segment_groups(id) ON DELETE CASCADE,
        member_index smallint NOT NULL CHECK (member_index BETWEEN 1 AND 50),
        segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE RESTRICT,
        label text,
        color text,
        growth_is_good boolean NOT NULL,
        PRIMARY KEY (group_id, member_index),
        UNIQUE (group_id, segment_id)
      )`);
    await q.query(
      `CREATE INDEX segment_group_members_segment ON segment_group_members (segment_id)`,
    );
    await q.query(`
      CREATE TABLE group_snapshots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES segment_groups(id) ON DELETE CASCADE,
        as_of timestamptz NOT NULL,
        -- digest of the member segments and their rules when computed (stale detection)
        definition_hash text NOT NULL,
        -- counts[i + 1] = customers in bucket i (0 = fallback)
        counts integer[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        computed_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (group_id, as_of)
      )`);
    await q.query(`
      CREATE TABLE group_snapshot_members (
        snapshot_id uuid NOT NULL REFERENCES group_snapshots(id) ON DELETE CASCADE,
        customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        member_index smallint NOT NULL,
        PRIMARY KEY (snapshot_id, customer_id)
      )`);
    await q.query(
      `CREATE INDEX group_snapshot_members_customer ON group_snapshot_members (customer_id)`,
    );
    // from_index NULL: the customer was first seen after the previous snapshot ("new").
    await q.query(`
      CREATE TABLE group_transitions (
        id bigserial PRIMARY KEY,
        group_id uuid NOT NULL REFERENCES segment_groups(id) ON DELETE CASCADE,
        customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        from_index smallint,
        to_index smallint NOT NULL,
        from_as_of timestamptz NOT NULL,
        to_as_of timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (group_id, customer_id, to_as_of)
      )`);
    await q.query(
      `CREATE INDEX group_transitions_group_to ON group_transitions (group_id, to_as_of)`,
    );
    await q.query(
      `CREATE INDEX group_transitions_customer ON group_transitions (customer_id, to_as_of)`,
    );
    await q.query(`
      CREATE TABLE group_backfills (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES segment_groups(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        from_date date NOT NULL,
        to_date date NOT NULL,
        every text NOT NULL CHECK (every IN ('day', 'week', 'month')),
        total integer NOT NULL,
        done integer NOT NULL DEFAULT 0,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX group_backfills_group ON group_backfills (group_id)`);
    await q.query(
      `CREATE INDEX group_backfills_unfinished ON group_backfills (created_at) WHERE status IN ('queued', 'running')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'group_backfills',
      'group_transitions',
      'group_snapshot_members',
      'group_snapshots',
      'segment_group_members',
      'segment_groups',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
