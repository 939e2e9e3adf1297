import type { DataSource } from 'typeorm';

/**
 * Runs one read query with JIT compilation off. Queries over jsonb_each() or long filtered
 * scans are estimated far above `jit_above_cost`, and compiling them costs more (~0.5 s)
 * than running them; `SET LOCAL` keeps the setting to this transaction.
 */
export function queryWithoutJit<T>(db: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  return db.transaction(async (manager) => {
    await manager.query('SET LOCAL jit = off');
    return (await manager.query(sql, params)) as T[];
  });
}
