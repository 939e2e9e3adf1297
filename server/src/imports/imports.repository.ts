import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ImportLineError, ImportReport, ImportStatus } from '@switchyard/contracts';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { ImportTally } from './import-tally.js';
import { jsonbSafeText } from './jsonb-text.util.js';

interface ImportRow {
  id: string;
  status: ImportStatus;
  lines_read: number;
  customers_upserted: number;
  events_inserted: number;
  duplicates_skipped: number;
  invalid_lines: number;
  errors: ImportLineError[];
  started_at: Date;
  finished_at: Date | null;
}

export interface ImportCounts {
  customersUpserted: number;
  eventsInserted: number;
  duplicatesSkipped: number;
}

/** An import's transaction holds this advisory lock (with hashtext(id)) while it runs. */
export const IMPORT_LOCK_NAMESPACE = 7_311_002;

const COLUMNS = `id, status, lines_read, customers_upserted, events_inserted, duplicates_skipped,
  invalid_lines, errors, started_at, finished_at`;

/**
 * The report's errors as a jsonb parameter. They quote what the file held (field names,
 * parse messages with a snippet of the line): NUL and unpaired surrogates become U+FFFD,
 * or Postgres would refuse the whole report.
 */
export function errorsJson(errors: readonly ImportLineError[]): string {
  return JSON.stringify(
    errors.map((error) => ({
      line: error.line,
      field: jsonbSafeText(error.field),
      message: jsonbSafeText(error.message),
    })),
  );
}

function toReport(row: ImportRow): ImportReport {
  return {
    id: row.id,
    status: row.status,
    linesRead: row.lines_read,
    customersUpserted: row.customers_upserted,
    eventsInserted: row.events_inserted,
    duplicatesSkipped: row.duplicates_skipped,
    invalidLines: row.invalid_lines,
    errors: row.errors,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
  };
}

/**
 * The `imports` table. Progress is written from the pool (outside the import's
 * transaction) so readers see it while the import runs; completion is written inside the
 * import's transaction so the status and the data commit together.
 */
@Injectable()
export class ImportsRepository {
  private readonly logger = new Logger(ImportsRepository.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(workspaceId: string, skipInvalid: boolean): Promise<ImportReport> {
    const rows: ImportRow[] = await this.db.query(
      `INSERT INTO imports (workspace_id, status, skip_invalid) VALUES ($1, 'running', $2) RETURNING ${COLUMNS}`,
      [workspaceId, skipInvalid],
    );
    return toReport(rows[0] as ImportRow);
  }

  /** Best effort: a failed progress write must not fail the import. */
  async progress(id: string, linesRead: number): Promise<void> {
    try {
      await this.db.query(
        `UPDATE imports SET lines_read = $2 WHERE id = $1 AND status = 'running'`,
        [id, linesRead],
      );
    } catch (error) {
      this.logger.warn(`progress of import ${id} not recorded: ${(error as Error).message}`);
    }
  }

  /** Marks the import completed on the import's own connection, inside its transaction. */
  async complete(
    client: PoolClient,
    id: string,
    tally: ImportTally,
    counts: ImportCounts,
  ): Promise<ImportReport> {
    const result = await client.query<ImportRow>(
      `UPDATE imports SET status = 'completed', lines_read = $2, invalid_lines = $3, errors = $4::jsonb,
         customers_upserted = $5, events_inserted = $6, duplicates_skipped = $7, finished_at = clock_timestamp()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        tally.linesRead,
        tally.invalidLines,
        errorsJson(tally.errors),
        counts.customersUpserted,
        counts.eventsInserted,
        counts.duplicatesSkipped,
      ],
    );
    return toReport(result.rows[0] as ImportRow);
  }

  /**
   * Marks the import failed with its report. Should the report be refused, the import is
   * still marked failed (with a plain error instead of its report) rather than left running.
   */
  async fail(id: string, tally: ImportTally): Promise<ImportReport> {
    try {
      return await this.markFailed(id, tally.linesRead, tally.invalidLines, tally.errors);
    } catch (error) {
      this.logger.error({ err: error }, `report of failed import ${id} not stored`);
      return this.markFailed(id, tally.linesRead, tally.invalidLines, [
        {
          line: tally.linesRead + 1,
          field: '(body)',
          message: 'the import failed and its report could not be stored; nothing was written',
        },
      ]);
    }
  }

  private async markFailed(
    id: string,
    linesRead: number,
    invalidLines: number,
    errors: readonly ImportLineError[],
  ): Promise<ImportReport> {
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [rows]: [ImportRow[], number] = await this.db.query(
      `UPDATE imports SET status = 'failed', lines_read = $2, invalid_lines = $3, errors = $4::jsonb, finished_at = clock_timestamp()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, linesRead, invalidLines, errorsJson(errors)],
    );
    return toReport(rows[0] as ImportRow);
  }

  /**
   * An import of the caller's workspace, or null. A `running` import whose transaction is
   * gone (the server stopped mid-import) is marked failed on the way.
   */
  async find(workspaceId: string, id: string): Promise<ImportReport | null> {
    const rows: ImportRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM imports WHERE id = $1 AND workspace_id = $2`,
      [id, workspaceId],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.status !== 'running') return toReport(row);
    const interrupted = await this.db.transaction(async (em) => {
      const lock: { free: boolean }[] = await em.query(
        'SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS free',
        [IMPORT_LOCK_NAMESPACE, id],
      );
      if (!lock[0]?.free) return null;
      const error: ImportLineError = {
        line: row.lines_read + 1,
        field: '(body)',
        message: 'interrupted: the server stopped before the import finished; nothing was written',
      };
      const updated: [ImportRow[], number] = await em.query(
        `UPDATE imports SET status = 'failed', errors = errors || $2::jsonb, finished_at = now()
         WHERE id = $1 AND status = 'running' RETURNING ${COLUMNS}`,
        [id, errorsJson([error])],
      );
      return updated[0][0] ?? null;
    });
    return toReport(interrupted ?? row);
  }
}
