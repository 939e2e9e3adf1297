import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ImportReport } from '@switchyard/contracts';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { BodyTooLargeError } from '../rate-limit/body-limits.hook.js';
import { ImportChunk } from './import-chunk.js';
import { CUSTOMERS_TOUCHED_SQL, WORKSPACE_HAS_MESSAGE_IDS_SQL } from './import-chunk.sql.js';
import { ImportChunkWriter } from './import-chunk.writer.js';
import { CsvFileError, csvMessageBatches } from './import-csv.util.js';
import { type NumberedLine, ndjsonMessageBatches, type ParsedLine } from './import-lines.util.js';
import {
  ImportAbortedError,
  ImportConflictError,
  ImportLineRefusedError,
  ImportRejectedError,
  ImportTally,
  ImportTooLargeError,
} from './import-tally.js';
import { IMPORT_LOCK_NAMESPACE, ImportsRepository } from './imports.repository.js';
import { MessageIdFilter } from './message-id-filter.js';

export type ImportFormat = 'ndjson' | 'csv';

export interface ImportOptions {
  /** Skip (and report) invalid lines instead of rejecting the whole import. */
  skipInvalid: boolean;
  /** NDJSON identify / track lines, or CSV rows (import-csv.util.ts); NDJSON by default. */
  format?: ImportFormat;
}

export type ImportOutcome =
  | { outcome: 'completed'; report: ImportReport }
  | { outcome: 'rejected'; report: ImportReport }
  | { outcome: 'aborted'; report: ImportReport }
  | { outcome: 'too_large'; report: ImportReport; message: string }
  | { outcome: 'conflict'; report: ImportReport; message: string };

/** lines_read is written to the imports row (from another connection) this often. */
export const PROGRESS_EVERY_LINES = 10_000;
/** Lines per chunk: one customers upsert and one COPY each. */
export const CHUNK_LINES = 50_000;

/**
 * Streams NDJSON identify/track lines into Postgres in one transaction, so an import
 * lands whole or not at all. Lines are validated as they arrive and gathered in chunks;
 * each chunk's customers are upserted with one statement and its events COPYed straight
 * into the events table (no staging table, no INSERT ... SELECT), on the import's
 * connection while the next chunk is parsed. Message ids de-duplicate: repeats in the
 * file, and ids stored before, are skipped and counted (see ImportChunk). Identify
 * traits merge in (timestamp, line) order within a chunk, chunks in file order. Imports
 * do not mark customers for real-time evaluation: they are history.
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
    try {
      const report = await this.load(workspaceId, started, source, options, tally);
      this.logger.log(
        `import ${report.id}: ${report.linesRead} lines, ${report.eventsInserted} events, ` +
          `${report.duplicatesSkipped} duplicates, ${report.invalidLines} invalid lines skipped`,
      );
      return { outcome: 'completed', report };
    } catch (error) {
      // Whatever went wrong, the import is marked failed: it must not stay running.
      return this.failed(started.id, tally, error);
    }
  }

  /** The import's transaction on a connection of its own: committed whole, or rolled back. */
  private async load(
    workspaceId: string,
    started: ImportReport,
    source: AsyncIterable<Buffer | string>,
    options: ImportOptions,
    tally: ImportTally,
  ): Promise<ImportReport> {
    const client = await this.pool().connect();
    let broken: Error | undefined;
    let writer: ImportChunkWriter | undefined;
    try {
      await client.query('BEGIN');
      // Statements over one chunk at a time: JIT would compile longer than they run, and
      // a chunk's customers sort in memory.
      await client.query(`SET LOCAL jit = off; SET LOCAL work_mem = '64MB'`);
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        IMPORT_LOCK_NAMESPACE,
        started.id,
      ]);
      const checkAll = (
        await client.query<{ has: boolean }>(WORKSPACE_HAS_MESSAGE_IDS_SQL, [workspaceId])
      ).rows[0]?.has;
      writer = new ImportChunkWriter(client, workspaceId);
      const filter = new MessageIdFilter();
      const receivedAt = new Date(started.startedAt);
      const newChunk = () => new ImportChunk(filter, checkAll === true, receivedAt);
      let chunk = newChunk();
      const progress = this.progressReporter(started.id);
      let reported = 0;
      for await (const lines of this.messageBatches(source, options.format ?? 'ndjson', tally)) {
        for (const line of lines) {
          tally.linesRead = line.number;
          this.take(line.number, line.parsed, chunk, tally, options);
          // A CSV row may span lines: report each step of PROGRESS_EVERY_LINES once.
          if (line.number - reported >= PROGRESS_EVERY_LINES) {
            reported = line.number;
            progress(line.number);
          }
        }
        if (chunk.size >= CHUNK_LINES) {
          await writer.submit(chunk);
          chunk = newChunk();
        }
      }
      await writer.submit(chunk);
      await writer.finish();
      const touched = await client.query<{ n: number }>(CUSTOMERS_TOUCHED_SQL, [workspaceId]);
      const done = writer;
      const report = await this.imports.complete(client, started.id, tally, {
        customersUpserted: touched.rows[0]?.n ?? 0,
        eventsInserted: done.eventsInserted,
        duplicatesSkipped: tally.rowsStaged - done.eventsInserted,
      });
      await client.query('COMMIT');
      return report;
    } catch (error) {
      // A chunk still being written would otherwise send its statements after ROLLBACK.
      await writer?.finish().catch(() => undefined);
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError as Error;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** One line into the chunk (or the tally's errors). */
  private take(
    number: number,
    parsed: ParsedLine,
    chunk: ImportChunk,
    tally: ImportTally,
    options: ImportOptions,
  ): void {
    switch (parsed.kind) {
      case 'blank':
        return;
      case 'invalid':
        tally.reject(parsed.errors);
        if (!options.skipInvalid) throw new ImportRejectedError(`line ${number} is invalid`);
        return;
      case 'message':
        chunk.add(parsed.item, number);
        tally.rowsStaged += 1;
        return;
      default: {
        const unknown: never = parsed;
        throw new Error(`unknown line kind ${JSON.stringify(unknown)}`);
      }
    }
  }

  /**
   * The body's messages in the import's format. A broken or oversized body becomes the
   * import's own error; a file that is not CSV rejects the import, invalid rows or not.
   */
  private async *messageBatches(
    source: AsyncIterable<Buffer | string>,
    format: ImportFormat,
    tally: ImportTally,
  ): AsyncGenerator<NumberedLine[]> {
    const body = readBody(source);
    if (format === 'ndjson') return yield* ndjsonMessageBatches(body);
    try {
      yield* csvMessageBatches(body);
    } catch (error) {
      if (!(error instanceof CsvFileError)) throw error;
      tally.fail(error.message, error.line, '(file)');
      throw new ImportRejectedError(error.message);
    }
  }

  private async failed(id: string, tally: ImportTally, error: unknown): Promise<ImportOutcome> {
    if (error instanceof ImportRejectedError)
      return { outcome: 'rejected', report: await this.imports.fail(id, tally) };
    if (error instanceof ImportLineRefusedError) {
      tally.reject([{ line: error.line, field: error.field, message: error.message }]);
      return { outcome: 'rejected', report: await this.imports.fail(id, tally) };
    }
    if (error instanceof ImportAbortedError) {
      tally.fail(error.message);
      return { outcome: 'aborted', report: await this.imports.fail(id, tally) };
    }
    if (error instanceof ImportTooLargeError) {
      tally.fail(error.message);
      return {
        outcome: 'too_large',
        report: await this.imports.fail(id, tally),
        message: error.message,
      };
    }
    if ((error as { code?: unknown }).code === '23505') {
      const conflict = new ImportConflictError(
        'a message id of this import was stored by another writer while it ran; nothing was imported: run it again (stored ids are skipped)',
      );
      tally.fail(conflict.message);
      return {
        outcome: 'conflict',
        report: await this.imports.fail(id, tally),
        message: conflict.message,
      };
    }
    this.logger.error({ err: error }, `import ${id} failed at line ${tally.linesRead}`);
    tally.fail('internal error; nothing was written');
    await this.imports
      .fail(id, tally)
      .catch((failError: unknown) =>
        this.logger.error({ err: failError }, `import ${id} could not be marked failed`),
      );
    throw error;
  }

  /** Progress writes from the pool, never awaited by the import, one at a time. */
  private progressReporter(id: string): (linesRead: number) => void {
    let writing = false;
    return (linesRead) => {
      if (writing) return;
      writing = true;
      void this.imports.progress(id, linesRead).finally(() => {
        writing = false;
      });
    };
  }

  private pool(): Pool {
    return (this.db.driver as PostgresDriver).master as Pool;
  }
}

/** The request body; a broken or oversized one becomes the import's own error. */
async function* readBody(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer | string> {
  try {
    yield* source;
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      throw new ImportTooLargeError(`${error.message}; nothing was imported`);
    throw new ImportAbortedError(
      `the request body ended early (${(error as Error).message}); nothing was written`,
    );
  }
}
