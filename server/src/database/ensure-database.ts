import pg from 'pg';

/**
 * Creates the database named in `url` when it does not exist yet, by connecting to the
 * server's `postgres` maintenance database. Safe to call on every start.
 */
export async function ensureDatabase(url: string): Promise<{ created: boolean; name: string }> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL must name a database, e.g. postgres://host/switchyard');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return { created: false, name };
    // Identifiers cannot be bound; quote it the way Postgres does.
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    return { created: true, name };
  } catch (error) {
    // Another process may have created it between the check and CREATE.
    if ((error as { code?: string }).code === '42P04') return { created: false, name };
    throw error;
  } finally {
    await client.end();
  }
}
