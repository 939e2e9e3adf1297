import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { selectOne } from '../database/sql.util.js';
import {
  createMigratedDatabase,
  dropDatabase,
  onAdminConnection,
} from '../database/test-database.testing.js';
import { testCredentials } from '../secrets/secret-box.testing.js';
import type { WorkspaceCredentialsService } from '../secrets/workspace-credentials.service.js';
import type { OutboxChannel } from './outbox-message.types.js';

export interface OutboxRowState {
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  provider_message_id: string | null;
  sent_at: Date | null;
  next_attempt_at: Date | null;
}

/**
 * A Postgres database of the test's own (created, migrated, dropped) behind a real
 * TypeORM DataSource, so transactions, commits and lost connections are the real thing.
 */
export class OutboxDatabase {
  /** Seals and opens the workspaces' secrets with a key of this database's own. */
  readonly credentials: WorkspaceCredentialsService;

  private constructor(
    readonly name: string,
    readonly db: DataSource,
  ) {
    this.credentials = testCredentials(db).credentials;
  }

  static async create(prefix: string): Promise<OutboxDatabase> {
    const { name, db } = await createMigratedDatabase(prefix, 4);
    return new OutboxDatabase(name, db);
  }

  drop(): Promise<void> {
    return dropDatabase(this.name, this.db);
  }

  async workspace(
    settings: { smsProvider?: { url: string; from: string } } = {},
  ): Promise<{ id: string; signingSecret: string }> {
    const row = await selectOne<{ id: string }>(
      this.db,
      `INSERT INTO workspaces (name) VALUES ('test') RETURNING id`,
    );
    if (!row) throw new Error('no workspace');
    // Stored sealed, as the settings API writes them.
    const signingSecret = randomBytes(32).toString('hex');
    const sms = settings.smsProvider;
    await this.db.query(
      `UPDATE workspaces SET signing_secret = $2, sms_provider = to_jsonb($3::text) WHERE id = $1`,
      [
        row.id,
        this.credentials.sealSigningSecret(row.id, signingSecret),
        sms ? this.credentials.sealSmsProvider(row.id, sms) : null,
      ],
    );
    return { id: row.id, signingSecret };
  }

  /** A pending row (no enrollment: delivery does not need one). Returns its id. */
  async insert(
    workspaceId: string,
    channel: OutboxChannel,
    payload: unknown,
    key = `test-${randomBytes(6).toString('hex')}`,
  ): Promise<string> {
    const row = await selectOne<{ id: string }>(
      this.db,
      `INSERT INTO outbox (workspace_id, idempotency_key, channel, payload) VALUES ($1, $2, $3, $4::jsonb)
       RETURNING id`,
      [workspaceId, key, channel, JSON.stringify(payload)],
    );
    if (!row) throw new Error('no outbox row');
    return row.id;
  }

  async row(id: string): Promise<OutboxRowState> {
    const row = await selectOne<OutboxRowState>(
      this.db,
      `SELECT status, attempts, last_error, provider_message_id, sent_at, next_attempt_at
         FROM outbox WHERE id = $1`,
      [id],
    );
    if (!row) throw new Error(`no outbox row ${id}`);
    return row;
  }

  /** Terminates every other backend of this database (a crashed or restarted server). */
  async terminateBackends(): Promise<number> {
    return onAdminConnection(async (client) => {
      const result = await client.query<{ pid: number }>(
        `SELECT pg_terminate_backend(pid), pid FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [this.name],
      );
      return result.rowCount ?? 0;
    });
  }
}
