import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../database/migrations/index.js';

const SERVER = 'postgres://postgres@127.0.0.1:5432';

/** A migrated database of the test's own on the shared Postgres, dropped by `drop`. */
export class IngestDatabase {
  private constructor(
    readonly name: string,
    readonly db: DataSource,
  ) {}

  static async create(): Promise<IngestDatabase> {
    const name = `sy_ingest_${randomBytes(4).toString('hex')}`;
    await admin((client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
    const db = new DataSource({
      type: 'postgres',
      url: `${SERVER}/${name}`,
      migrations,
      migrationsTransactionMode: 'each',
      extra: { max: 8, options: '-c timezone=UTC' },
      logging: false,
    });
    await db.initialize();
    await db.runMigrations();
    return new IngestDatabase(name, db);
  }

  /** A pg client of its own on this database (a second writer). */
  async client(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: `${SERVER}/${this.name}` });
    await client.connect();
    return client;
  }

  async workspace(): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO workspaces (name) VALUES ('ingest test') RETURNING id`,
    );
    return (rows[0] as { id: string }).id;
  }

  async drop(): Promise<void> {
    if (this.db.isInitialized) await this.db.destroy();
    await admin((client) =>
      client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(this.name)} WITH (FORCE)`),
    );
  }
}

async function admin(run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}
