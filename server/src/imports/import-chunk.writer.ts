import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  traitsTooLargeFor,
  traitsTooLargeMessage,
} from '../customers/customer-traits-limit.sql.js';
import type { ChunkRow, ImportChunk } from './import-chunk.js';
import { ImportLineRefusedError } from './import-tally.js';
import {
  COPY_EVENTS_SQL,
  STORED_MESSAGE_IDS_SQL,
  UPSERT_CHUNK_CUSTOMERS_SQL,
} from './import-chunk.sql.js';

const COPY_PIECE_CHARS = 256 * 1024;

/**
 * A customer whose traits the upsert refused as too large, as the error of the chunk's
 * last identify line of that customer (the one that took them past the limit).
 */
function refusedLine(error: unknown, rows: readonly ChunkRow[]): ImportLineRefusedError | null {
  const externalId = traitsTooLargeFor(error);
  if (externalId === null) return null;
  const identifies = rows.filter((r) => r.externalId === externalId && r.traits);
  const line = identifies.reduce((last, r) => Math.max(last, r.line), 0);
  return new ImportLineRefusedError(traitsTooLargeMessage(externalId), line, 'traits');
}

/**
 * Writes an import's chunks on the import's connection, one after the other, while the
 * next chunk is being parsed: `submit` returns as soon as the previous chunk is written
 * and this one has started. Per chunk: one lookup of the candidate duplicate ids, one
 * upsert of its customers (answering their ids), one COPY of its events straight into
 * the events table. A failure surfaces at the next `submit` or at `finish`.
 */
export class ImportChunkWriter {
  eventsInserted = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: PoolClient,
    private readonly workspaceId: string,
  ) {}

  async submit(chunk: ImportChunk): Promise<void> {
    chunk.prepare();
    await this.pending;
    this.pending = this.write(chunk);
    // Kept for the next submit/finish, which rethrow it; not an unhandled rejection.
    this.pending.catch(() => undefined);
  }

  finish(): Promise<void> {
    return this.pending;
  }

  private async write(chunk: ImportChunk): Promise<void> {
    let stored: ReadonlySet<string> = new Set();
    if (chunk.candidates.length > 0) {
      const found = await this.client.query<{ message_id: string }>(STORED_MESSAGE_IDS_SQL, [
        this.workspaceId,
        chunk.candidates,
      ]);
      stored = new Set(found.rows.map((r) => r.message_id));
    }
    const { rows, customers } = chunk.settle(stored);
    if (rows.length === 0) return;

    const upserted = await this.client
      .query<{ id: string; external_id: string }>(UPSERT_CHUNK_CUSTOMERS_SQL, [
        this.workspaceId,
        customers.map((c) => c.externalId),
        customers.map((c) => JSON.stringify(c.traits)),
        customers.map((c) => new Date(c.firstSeen).toISOString()),
        customers.map((c) => new Date(c.lastSeen).toISOString()),
      ])
      .catch((error: unknown) => {
        throw refusedLine(error, rows) ?? error;
      });
    const ids = new Map(upserted.rows.map((r) => [r.external_id, r.id]));
    const head = `${this.workspaceId}\t`;
    const pieces = function* (): Generator<string> {
      let piece = '';
      for (const row of rows) {
        piece += `${head}${ids.get(row.externalId)}${row.tail}`;
        if (piece.length >= COPY_PIECE_CHARS) {
          yield piece;
          piece = '';
        }
      }
      if (piece.length > 0) yield piece;
    };
    const copy = this.client.query(copyFrom(COPY_EVENTS_SQL));
    await pipeline(Readable.from(pieces()), copy);
    this.eventsInserted += copy.rowCount ?? rows.length;
  }
}
