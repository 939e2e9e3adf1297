import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from './migrations/index.js';

/** The shared Postgres of the integration tests (trust auth). */
export const TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';

/** Runs `work` on a connection to the server's `postgres` database (create, drop, kill). */
export async function onAdminConnection<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database of the test's own, `sy_<prefix>_<random>`, migrated, behind a TypeORM DataSource. */
export async function createMigratedDatabase(
  prefix: string,
  poolSize: number,
): Promise<{ name: string; db: DataSource }> {
  const name = `sy_${prefix}_${randomBytes(4).toString('hex')}`;
  await onAdminConnection((client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`),
  );
  const db = new DataSource({
    type: 'postgres',
    url: `${TEST_POSTGRES_URL}/${name}`,
    migrations,
    migrationsTransactionMode: 'each',
    extra: { max: poolSize, options: '-c timezone=UTC' },
    logging: false,
  });
  await db.initialize();
  await db.runMigrations();
  return { name, db };
}

/** Closes the DataSource and drops the database (connections still open are ended). */
export async function dropDatabase(name: string, db: DataSource): Promise<void> {
  if (db.isInitialized) await db.destroy();
  await onAdminConnection((client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
  );
}
