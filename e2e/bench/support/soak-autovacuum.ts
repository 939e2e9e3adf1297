import type pg from 'pg';

/**
 * A soak stands for a production server, and production Postgres vacuums and analyzes on
 * its own. This machine's Postgres is set up for CI with `autovacuum = off`: over half an
 * hour the tables the soak updates (customers, runs, steps) would then keep every dead
 * row and the planner statistics of their creation. If autovacuum is off, it is turned on
 * (ALTER SYSTEM, reload) for the soak and the setting removed again afterwards.
 * Returns what was done, for the report, and the function that restores the setting.
 */
export async function autovacuumForSoak(
  db: pg.Pool,
): Promise<{ note: string; restore: () => Promise<void> }> {
  const { rows } = await db.query<{ autovacuum: string }>('SHOW autovacuum');
  if (rows[0]?.autovacuum === 'on')
    return { note: 'autovacuum on (server setting)', restore: async () => undefined };
  await db.query('ALTER SYSTEM SET autovacuum = on');
  await db.query('SELECT pg_reload_conf()');
  return {
    note: 'autovacuum turned on for the soak (this server had it off)',
    restore: async () => {
      await db.query('ALTER SYSTEM RESET autovacuum');
      await db.query('SELECT pg_reload_conf()');
    },
  };
}
