import type { BatchItem } from '@switchyard/contracts';
import { toStoredMessage } from './stored-message.js';

/**
 * Messages as rows of the ingest statement's JSON document (ingest-statement.sql.ts):
 * `[type, externalId, messageId, name, payload, timestamp]`, comma-separated, so the
 * rows of several requests join into one array with a comma and travel to Postgres as
 * one text parameter (no array-literal escaping, the payloads sent once).
 */
export function ingestRows(items: readonly BatchItem[], receivedAt: Date): string {
  let rows = '';
  for (const item of items) {
    const m = toStoredMessage(item, 0, receivedAt);
    const row = JSON.stringify([
      m.type,
      m.externalId,
      m.messageId,
      m.name,
      m.payload,
      m.timestamp.toISOString(),
    ]);
    rows = rows.length === 0 ? row : `${rows},${row}`;
  }
  return rows;
}

/** The JSON array of the rows of several requests, in order. */
export function ingestDocument(rows: readonly string[]): string {
  return `[${rows.join(',')}]`;
}
