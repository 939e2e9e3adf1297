import type { BatchItem } from '@switchyard/contracts';
import { IDENTIFY_EVENT_NAME } from '../ingest/stored-message.js';
import { copyTextField } from './copy-text.util.js';
import type { MessageIdFilter } from './message-id-filter.js';

/** One valid line, ready for the events COPY (its customer id comes later). */
export interface ChunkRow {
  line: number;
  externalId: string;
  messageId: string | null;
  /** `\ttype\tname\tproperties\tts\tmessage_id\n` in COPY text format, after the customer id. */
  tail: string;
  ts: number;
  /** The traits of an identify line. */
  traits: Record<string, unknown> | null;
}

/** One customer of a chunk, as the customers upsert takes it. */
export interface ChunkCustomer {
  externalId: string;
  firstSeen: number;
  lastSeen: number;
  /** Identify traits of the chunk merged in (timestamp, line) order; {} when none. */
  traits: Record<string, unknown>;
}

const NO_TRAITS: Record<string, unknown> = {};
const CANONICAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export interface SettledChunk {
  rows: ChunkRow[];
  customers: ChunkCustomer[];
}

/** JSON text escaped for COPY: JSON.stringify emits no raw tab or newline, only backslashes. */
function copyJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}

/**
 * The lines of an import, a chunk at a time (about 50,000), de-duplicated by message id
 * without a per-line lookup structure: every id goes into the import's filter, and an id
 * the filter may have seen before (earlier in this chunk, in an earlier chunk) or that the
 * workspace held before the import (`checkAll`) is a candidate. Candidates stored in
 * Postgres (ImportChunkWriter asks) are dropped, and so are repeats within the chunk
 * (the first line stays), before anything of the chunk is written. Duplicates never touch
 * customers.
 */
export class ImportChunk {
  readonly rows: ChunkRow[] = [];
  /** Message ids to look up in the events table. */
  readonly candidates: string[] = [];
  private prepared: SettledChunk | null = null;

  constructor(
    private readonly filter: MessageIdFilter,
    private readonly checkAll: boolean,
    private readonly receivedAt: Date,
  ) {}

  get size(): number {
    return this.rows.length;
  }

  add(item: BatchItem, line: number): void {
    // As toStoredMessage, without its allocations (this runs for every line).
    const messageId = item.messageId ?? null;
    if (messageId !== null && (this.filter.checkAndAdd(messageId) || this.checkAll))
      this.candidates.push(messageId);
    const at = item.timestamp ?? item.originalTimestamp;
    const ts = at === undefined ? this.receivedAt.getTime() : Date.parse(at);
    // A timestamp already in toISOString's form is kept as it is.
    const iso = at !== undefined && CANONICAL_TIME.test(at) ? at : new Date(ts).toISOString();
    const track = item.type === 'track';
    const payload = (track ? item.properties : item.traits) ?? NO_TRAITS;
    const name = track ? copyTextField(item.event) : IDENTIFY_EVENT_NAME;
    this.rows.push({
      line,
      externalId: String(item.userId ?? item.anonymousId),
      messageId,
      tail: `\t${item.type}\t${name}\t${copyJson(payload)}\t${iso}\t${copyTextField(messageId)}\n`,
      ts,
      traits: track ? null : payload,
    });
  }

  /**
   * Done once the chunk is complete, before its turn to be written (so it costs the
   * database no waiting): settles it on the assumption that none of its candidates is
   * stored, which `settle` confirms.
   */
  prepare(): void {
    this.prepared = this.settleWith(new Set());
  }

  /** The chunk's fresh rows and their customers, given the candidate ids found stored. */
  settle(stored: ReadonlySet<string>): SettledChunk {
    if (stored.size === 0 && this.prepared) return this.prepared;
    return this.settleWith(stored);
  }

  /** Rows without stored ids and without repeats (the first line of an id stays). */
  private freshRows(stored: ReadonlySet<string>): ChunkRow[] {
    if (this.candidates.length === 0) return this.rows;
    // Only candidates can be duplicates: an id the filter had not seen is new.
    const suspects = new Set(this.candidates);
    const kept = new Set<string>();
    return this.rows.filter((row) => {
      const id = row.messageId;
      if (id === null || !suspects.has(id)) return true;
      if (stored.has(id) || kept.has(id)) return false;
      kept.add(id);
      return true;
    });
  }

  private settleWith(stored: ReadonlySet<string>): SettledChunk {
    const rows = this.freshRows(stored);
    const byId = new Map<string, ChunkCustomer & { identifies: ChunkRow[] }>();
    for (const row of rows) {
      const customer = byId.get(row.externalId);
      if (customer) {
        if (row.ts < customer.firstSeen) customer.firstSeen = row.ts;
        if (row.ts > customer.lastSeen) customer.lastSeen = row.ts;
        if (row.traits) customer.identifies.push(row);
      } else
        byId.set(row.externalId, {
          externalId: row.externalId,
          firstSeen: row.ts,
          lastSeen: row.ts,
          traits: NO_TRAITS,
          identifies: row.traits ? [row] : [],
        });
    }
    const customers: ChunkCustomer[] = [];
    for (const c of byId.values()) {
      let traits = NO_TRAITS;
      if (c.identifies.length > 0) {
        if (c.identifies.length > 1) c.identifies.sort((a, b) => a.ts - b.ts || a.line - b.line);
        // A null prototype: a trait named __proto__ stays a trait.
        traits = Object.create(null) as Record<string, unknown>;
        for (const identify of c.identifies)
          for (const [key, value] of Object.entries(identify.traits ?? {})) traits[key] = value;
      }
      customers.push({
        externalId: c.externalId,
        firstSeen: c.firstSeen,
        lastSeen: c.lastSeen,
        traits,
      });
    }
    return { rows, customers };
  }
}
