import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Real-time evaluation marks become Postgres rows: ingest writes one `realtime_dirty`
 * row (the customers that got events) per workspace in the same statement as the
 * events, and the evaluation job deletes the rows it has evaluated, in one transaction.
 * Redis only carries the job that says "look now", so a Redis outage or flush loses no
 * mark (invariant 1).
 *
 * events.workspace_id loses its foreign key: it was checked (a key-share lock of the
 * workspace row) for every stored event, which cost about as much as the four indexes
 * together, and it is redundant: every event references its customer, the customer its
 * workspace, and deleting a workspace still cascades through customers to events.
 */
export class DurableRealtimeMarks1743000000000 implements MigrationInterface {
  name = 'DurableRealtimeMarks1743000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE realtime_dirty (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        customer_ids bigint[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX realtime_dirty_workspace ON realtime_dirty (workspace_id, id)`);
    await q.query(`ALTER TABLE events DROP CONSTRAINT IF EXISTS events_workspace_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE events ADD CONSTRAINT events_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces(id) ON DELETE CASCADE`,
    );
    await q.query(`DROP TABLE realtime_dirty`);
  }
}
