import type { DataSource } from 'typeorm';
import { selectRows } from '../../database/sql.util.js';

/**
 * The `realtime_dirty` table: customers waiting for a real-time re-evaluation, one row
 * per writing transaction (the ingest statement writes its own rows; see
 * ingest-statement.sql.ts). Rows are deleted in the transaction that evaluated them, so
 * a crash or a lost job leaves them for the next pass. Owned by DirtyCustomersService.
 */
export class RealtimeMarksRepository {
  constructor(private readonly db: DataSource) {}

  async add(workspaceId: string, customerIds: readonly string[]): Promise<void> {
    await this.db.query(
      `INSERT INTO realtime_dirty (workspace_id, customer_ids) VALUES ($1, $2::bigint[])`,
      [workspaceId, customerIds],
    );
  }

  /**
   * Locks up to `maxRows` marks of a workspace (skipping rows another worker holds),
   * hands their distinct customers to `evaluate`, and deletes the marks when it
   * resolves, all in one transaction. Answers the number of marks taken (0: none left).
   */
  async take(
    workspaceId: string,
    maxRows: number,
    evaluate: (customerIds: string[]) => Promise<void>,
  ): Promise<number> {
    return this.db.transaction(async (em) => {
      const rows = await selectRows<{ id: string; customer_ids: string[] }>(
        em,
        `SELECT id::text, customer_ids::text[] AS customer_ids FROM realtime_dirty
          WHERE workspace_id = $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [workspaceId, maxRows],
      );
      if (rows.length === 0) return 0;
      const customers = new Set<string>();
      for (const row of rows) for (const id of row.customer_ids) customers.add(id);
      await evaluate([...customers]);
      await em.query(`DELETE FROM realtime_dirty WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }

  /** Workspaces with marks older than `ageMs` (their job was lost or never queued). */
  async staleWorkspaces(ageMs: number): Promise<string[]> {
    const rows = await selectRows<{ workspace_id: string }>(
      this.db,
      `SELECT DISTINCT workspace_id FROM realtime_dirty
        WHERE created_at < now() - make_interval(secs => $1::double precision / 1000)`,
      [ageMs],
    );
    return rows.map((r) => r.workspace_id);
  }
}
