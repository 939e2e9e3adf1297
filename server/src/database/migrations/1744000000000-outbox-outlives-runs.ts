import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deleting a journey (or a launched campaign with its journey) removes its runs, but not
 * the record of the messages they sent: frequency caps count a customer's outbox rows,
 * and a pending row still goes out. outbox.enrollment_id is set to NULL instead of the
 * row being deleted with its run, and gets an index, so that removing a run finds its
 * messages without reading the whole outbox (once per run, in the foreign key's trigger).
 */
export class OutboxOutlivesRuns1744000000000 implements MigrationInterface {
  name = 'OutboxOutlivesRuns1744000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox
        DROP CONSTRAINT IF EXISTS outbox_enrollment_id_fkey,
        ADD CONSTRAINT outbox_enrollment_id_fkey
          FOREIGN KEY (enrollment_id) REFERENCES enrollments(id) ON DELETE SET NULL`);
    await q.query(
      `CREATE INDEX outbox_enrollment ON outbox (enrollment_id) WHERE enrollment_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS outbox_enrollment`);
    await q.query(`
      ALTER TABLE outbox
        DROP CONSTRAINT IF EXISTS outbox_enrollment_id_fkey,
        ADD CONSTRAINT outbox_enrollment_id_fkey
          FOREIGN KEY (enrollment_id) REFERENCES enrollments(id) ON DELETE CASCADE`);
  }
}
