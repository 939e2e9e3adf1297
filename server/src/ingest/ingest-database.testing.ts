import pg from 'pg';
import type { DataSource } from 'typeorm';
import {
  createMigratedDatabase,
  dropDatabase,
  TEST_POSTGRES_URL,
} from '../database/test-database.testing.js';

/** A migrated database of the test's own on the shared Postgres, dropped by `drop`. */
export class IngestDatabase {
  private constructor(
    readonly name: string,
    readonly db: DataSource,
  ) {}

  static async create(): Promise<IngestDatabase> {
    const { name, db } = await createMigratedDatabase('ingest', 8);
    return new IngestDatabase(name, db);
  }

  /** A pg client of its own on this database (a second writer). */
  async client(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: `${TEST_POSTGRES_URL}/${this.name}` });
    await client.connect();
    return client;
  }

  async workspace(): Promise<string> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO workspaces (name) VALUES ('ingest test') RETURNING id`,
    );
    return (rows[0] as { id: string }).id;
  }

  drop(): Promise<void> {
    return dropDatabase(this.name, this.db);
  }
}
