import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ImportReport } from '@switchyard/contracts';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import {
  insertEventsSql,
  MESSAGE_COLUMNS,
  STAGING_TABLE,
  upsertCustomersSql,
} from '../ingest/message-store.sql.js';
import { toStoredMessage } from '../ingest/stored-message.js';
import { copyTextRow } from './copy-text.util.js';
import { parseImportLine, type SourceLine, splitLines } from './import-lines.util.js';
import { ImportAbortedError, ImportRejectedError, ImportTally } from './import-tally.js';
import { IMPORT_LOCK_NAMESPACE, ImportsRepository } from './imports.repository.js';

export interface ImportOptions {
  /** Skip (and report) invalid lines instead of rejecting the whole import. */
  skipInvalid: boolean;
}

export type ImportOutcome =
  | { outcome: 'completed'; report: ImportReport }
  | { outcome: 'rejected'; report: ImportReport }
  | { outcome: 'aborted'; report: ImportReport };

/** lines_read is written to the imports row (from another connection) this often. */
export const PROGRESS_EVERY_LINES = 10_000;
const COPY_CHUNK_CHARS = 256 * 1024;

const CREATE_STAGING_SQL = `
  CREATE TEMP TABLE ${STAGING_TABLE} (
    pos integer NOT NULL, type text NOT NULL, external_id text NOT NULL, message_id text,
    name text NOT NULL, payload jsonb NOT NULL, ts timestamptz NOT NULL
  ) ON COMMIT DROP`;
const COPY_STAGING_SQL = `COPY ${STAGING_TABLE} (${MESSAGE_COLUMNS}) FROM STDIN`;

/**
 * Streams NDJSON identify/track lines into Postgres: each line is validated and COPYed
 * into a temp staging table, then customers and events are written with the same
 * set-based statements as real-time ingest, all in one transaction. An import lands
 * whole or not at all. Imports do not mark customers dirty: they are history.
 */
@Injectable()
export class ImportStreamService {
  private readonly logger = new Logger(ImportStreamService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly imports: ImportsRepository,
  ) {}

  async run(
    workspaceId: string,
    source: AsyncIterable<Buffer | string>,
    options: ImportOptions,
  ): Promise<ImportOutcome> {
    const started = await this.imports.create(workspaceId, options.skipInvalid);
    const tally = new ImportTally();
    const client = await this.pool().connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      // Estimates over a fresh temp table are poor: JIT would compile for longer than the
      // statements run. Sorts of a large import should stay in memory.
      await client.query(`SET LOCAL jit = off; SET LOCAL work_mem = '64MB'`);
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        IMPORT_LOCK_NAMESPACE,
        started.id,
      ]);
      await client.query(CREATE_STAGING_SQL);
      const rows = this.copyRows(source, tally, started.id, options, new Date(started.startedAt));
      await pipeline(Readable.from(rows), client.query(copyFrom(COPY_STAGING_SQL)));
      const report = await this.storeStaged(client, workspaceId, started.id, tally);
      await client.query('COMMIT');
      this.logger.log(
        `import ${report.id}: ${report.linesRead} lines, ${report.eventsInserted} events, ` +
          `${report.duplicatesSkipped} duplicates, ${report.invalidLines} invalid lines skipped`,
      );
      return { outcome: 'completed', report };
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError as Error;
      });
      if (error instanceof ImportRejectedError)
        return { outcome: 'rejected', report: await this.imports.fail(started.id, tally) };
      if (error instanceof ImportAbortedError) {
        tally.fail(error.message);
        return { outcome: 'aborted', report: await this.imports.fail(started.id, tally) };
      }
      this.logger.error({ err: error }, `import ${started.id} failed at line ${tally.linesRead}`);
      tally.fail('internal error; nothing was written');
      await this.imports.fail(started.id, tally).catch(() => undefined);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** The staged rows become customers and events; the import row is completed. */
  private async storeStaged(
    client: PoolClient,
    workspaceId: string,
    id: string,
    tally: ImportTally,
  ): Promise<ImportReport> {
    // Temp tables are never auto-analyzed; the set-based statements need the row count.
    await client.query(`ANALYZE ${STAGING_TABLE} (external_id, message_id, type)`);
    const customers = await client.query(upsertCustomersSql('staging'), [workspaceId]);
    const events = await client.query<{ inserted: number }>(insertEventsSql('staging', 'count'), [
      workspaceId,
    ]);
    const eventsInserted = events.rows[0]?.inserted ?? 0;
    return this.imports.complete(client, id, tally, {
      customersUpserted: customers.rowCount ?? 0,
      eventsInserted,
      duplicatesSkipped: tally.rowsStaged - eventsInserted,
    });
  }

  /** Reads the body line by line and yields COPY text in chunks (backpressure via pipeline). */
  private async *copyRows(
    source: AsyncIterable<Buffer | string>,
    tally: ImportTally,
    id: string,
    options: ImportOptions,
    receivedAt: Date,
  ): AsyncGenerator<string> {
    let chunk = '';
    const lines = splitLines(source);
    for (;;) {
      let next: IteratorResult<SourceLine>;
      try {
        next = await lines.next();
      } catch (error) {
        throw new ImportAbortedError(
          `the request body ended early (${(error as Error).message}); nothing was written`,
        );
      }
      if (next.done) break;
      const line = next.value;
      tally.linesRead = line.number;
      const parsed = parseImportLine(line);
      switch (parsed.kind) {
        case 'blank':
          break;
        case 'invalid':
          tally.reject(parsed.errors);
          if (!options.skipInvalid) throw new ImportRejectedError(`line ${line.number} is invalid`);
          break;
        case 'message': {
          const m = toStoredMessage(parsed.item, line.number, receivedAt);
          chunk += copyTextRow([
            m.position,
            m.type,
            m.externalId,
            m.messageId,
            m.name,
            JSON.stringify(m.payload),
            m.timestamp.toISOString(),
          ]);
          tally.rowsStaged += 1;
          break;
        }
        default: {
          const unknown: never = parsed;
          throw new Error(`unknown line kind ${JSON.stringify(unknown)}`);
        }
      }
      if (chunk.length >= COPY_CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
      if (line.number % PROGRESS_EVERY_LINES === 0) await this.imports.progress(id, line.number);
    }
    if (chunk.length > 0) yield chunk;
  }

  private pool(): Pool {
    return (this.db.driver as PostgresDriver).master as Pool;
  }
}
