import type { ImportLineError } from '@switchyard/contracts';
import { CsvError, parse } from 'csv-parse';
import { MAX_LINE_LENGTH, type NumberedLine, parseImportItem } from './import-lines.util.js';

/**
 * CSV imports: the first row names the columns, every other row is one message. A file
 * with an `event` column holds track events (the other columns are their properties);
 * one without holds identify calls (the other columns are traits). `userId` is required;
 * `timestamp` and `messageId` are optional. Reserved names match whatever their case and
 * with `_` between words (`user_id`, `Message_ID`).
 *
 * A cell is typed by what it holds: empty is left out, `true` / `false` are booleans, a
 * plain decimal (`42`, `-3.5`; not `007`, `+1`, `1e3` or more than 15 digits) is a number,
 * anything else is text. A `:string`, `:number` or `:boolean` suffix on a column's name
 * fixes its type (`zip:string` keeps `01234` and `94103` as text). A dotted name is a
 * path, as in the rule language: `address.city` sets `{address: {city}}`.
 */
export type CsvColumnType = 'auto' | 'string' | 'number' | 'boolean';

type Reserved = 'userId' | 'event' | 'timestamp' | 'messageId';

interface Column {
  /** The trait or property name, or the message field of a reserved column. */
  name: string;
  /** The name's path (`address.city`: address, then city). */
  path: string[];
  reserved: Reserved | null;
  type: CsvColumnType;
}

export interface CsvHeader {
  columns: Column[];
  kind: 'identify' | 'track';
}

const RESERVED: Record<string, Reserved> = {
  userid: 'userId',
  event: 'event',
  timestamp: 'timestamp',
  messageid: 'messageId',
};
const TYPES: readonly CsvColumnType[] = ['string', 'number', 'boolean'];
const PLAIN_NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d{1,15})?$/;

/** Thrown for a file that cannot be read as CSV at all: a bad header, an open quote. */
export class CsvFileError extends Error {
  override readonly name = 'CsvFileError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** The header row: each column's name, whether it is reserved, and its type. */
export function parseCsvHeader(cells: readonly string[]): CsvHeader {
  const seen = new Set<string>();
  const columns = cells.map((raw, i): Column => {
    const text = raw.trim();
    const colon = text.lastIndexOf(':');
    const suffix =
      colon > 0
        ? text
            .slice(colon + 1)
            .trim()
            .toLowerCase()
        : '';
    const typed = (TYPES as readonly string[]).includes(suffix);
    const name = typed ? text.slice(0, colon).trim() : text;
    if (name === '') throw new CsvFileError(1, `column ${i + 1} of the header has no name`);
    const reserved = RESERVED[name.toLowerCase().replace(/_/g, '')] ?? null;
    const key = reserved ?? name;
    if (seen.has(key)) throw new CsvFileError(1, `the header names "${key}" twice`);
    seen.add(key);
    if (reserved && typed)
      throw new CsvFileError(1, `"${name}" is always text: leave out ":${suffix}"`);
    const path = reserved ? [reserved] : name.split('.');
    if (path.some((part) => part.trim() === ''))
      throw new CsvFileError(1, `"${name}" has an empty part between its dots`);
    return {
      name: reserved ?? name,
      path,
      reserved,
      type: typed ? (suffix as CsvColumnType) : 'auto',
    };
  });
  // A value cannot also be an object: `address` beside `address.city`.
  for (const column of columns)
    for (const other of columns)
      if (other !== column && other.name.startsWith(`${column.name}.`) && !column.reserved)
        throw new CsvFileError(
          1,
          `"${column.name}" and "${other.name}" cannot both be columns: "${column.name}" would be a value and an object`,
        );
  if (!seen.has('userId'))
    throw new CsvFileError(
      1,
      'the header has no userId column (the first row names the columns: userId, event for a file of events, timestamp, messageId, then traits or properties)',
    );
  return { columns, kind: seen.has('event') ? 'track' : 'identify' };
}

/**
 * One row as the message NDJSON would carry, or what is wrong with it. The message is
 * then validated exactly as an NDJSON line is (parseImportItem).
 */
export function csvRowMessage(
  header: CsvHeader,
  cells: readonly string[],
  line: number,
): { message: Record<string, unknown> } | { errors: ImportLineError[] } {
  if (cells.length !== header.columns.length)
    return {
      errors: [
        {
          line,
          field: '(line)',
          message: `has ${cells.length} cells; the header has ${header.columns.length}`,
        },
      ],
    };
  const message: Record<string, unknown> = { type: header.kind };
  const values: Record<string, unknown> = {};
  const errors: ImportLineError[] = [];
  header.columns.forEach((column, i) => {
    const cell = cells[i] ?? '';
    if (column.reserved) {
      if (cell !== '') message[column.reserved] = cell;
      return;
    }
    const typed = cellValue(cell, column.type);
    if (typed === INVALID)
      errors.push({ line, field: column.name, message: `"${cell}" is not a ${column.type}` });
    else if (typed !== undefined) setPath(values, column.path, typed);
  });
  if (errors.length > 0) return { errors };
  message[header.kind === 'track' ? 'properties' : 'traits'] = values;
  return { message };
}

const INVALID = Symbol('invalid');

/** Sets `value` at `path`, making the objects on the way (the header ruled out clashes). */
function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] ?? '';
    const next = at[key];
    if (typeof next === 'object' && next !== null) at = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      at[key] = created;
      at = created;
    }
  }
  at[path[path.length - 1] ?? ''] = value;
}

function cellValue(cell: string, type: CsvColumnType): unknown {
  if (cell === '') return undefined;
  switch (type) {
    case 'string':
      return cell;
    case 'number':
      return PLAIN_NUMBER.test(cell.trim()) ? Number(cell.trim()) : INVALID;
    case 'boolean': {
      const lower = cell.trim().toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : INVALID;
    }
    case 'auto':
      if (cell === 'true') return true;
      if (cell === 'false') return false;
      return PLAIN_NUMBER.test(cell) ? Number(cell) : cell;
    default: {
      const never: never = type;
      throw new Error(`unknown column type ${String(never)}`);
    }
  }
}

/**
 * Parses a CSV byte stream (RFC 4180: quoted cells may hold commas, quotes and line
 * breaks; a byte-order mark is dropped) into validated messages, the rows of each chunk
 * of the stream at once. A row's number is the line it starts on, counted here (the
 * parser's per-record info costs more than the rest of its work). Throws CsvFileError
 * for a file that cannot be read on (bad header, an unclosed quote, a row over 1 MiB).
 */
export async function* csvMessageBatches(
  source: AsyncIterable<Buffer | string>,
): AsyncGenerator<NumberedLine[]> {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    max_record_size: MAX_LINE_LENGTH,
  });
  let failure: unknown;
  parser.on('error', (error) => (failure = error));
  let header: CsvHeader | undefined;
  /** Lines read so far: one per record, plus the line breaks inside its quoted cells. */
  let linesRead = 0;
  const drain = (): NumberedLine[] => {
    const rows: NumberedLine[] = [];
    for (;;) {
      const record = parser.read() as string[] | null;
      if (record === null) break;
      const line = linesRead + 1;
      linesRead = line + breaksIn(record);
      if (record.length === 1 && (record[0] ?? '').trim() === '') continue; // a blank line
      if (!header) {
        header = parseCsvHeader(record);
        continue;
      }
      const row = csvRowMessage(header, record, line);
      rows.push({
        number: line,
        parsed:
          'errors' in row
            ? { kind: 'invalid', errors: row.errors }
            : parseImportItem(line, row.message),
      });
    }
    if (failure) throw asFileError(failure);
    return rows;
  };
  for await (const chunk of source) {
    parser.write(chunk);
    const rows = drain();
    if (rows.length > 0) yield rows;
  }
  parser.end();
  // The parser reports an unclosed quote on end, after this turn.
  await new Promise((resolve) => setImmediate(resolve));
  const rows = drain();
  if (!header) throw new CsvFileError(1, 'the file is empty: the first row must name the columns');
  if (rows.length > 0) yield rows;
}

function breaksIn(record: readonly string[]): number {
  let breaks = 0;
  for (const cell of record)
    for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) breaks += 1;
  return breaks;
}

function asFileError(error: unknown): Error {
  if (error instanceof CsvFileError) return error;
  if (error instanceof CsvError) {
    const line = typeof error['lines'] === 'number' ? error['lines'] : 0;
    return new CsvFileError(line, `is not valid CSV: ${error.message}`);
  }
  return error as Error;
}
