import type pg from 'pg';

/**
 * A fingerprint of everything in the test's database: per table, the row count, the
 * length of its rows as text and the md5 of them (as JSON, sorted), so "this request wrote
 * nothing" is one comparison.
 * Columns that legitimately change on any request are left out, named with the reason.
 */
export interface FingerprintExclusion {
  table: string;
  /** Columns left out; none means the whole table. */
  columns?: string[];
  reason: string;
}

export type Fingerprint = ReadonlyMap<string, string>;

export class DatabaseFingerprint {
  private constructor(
    private readonly db: pg.Pool,
    private readonly sql: string,
    readonly tables: readonly string[],
  ) {}

  /** Reads the table list once (migrations have run by then). */
  static async create(
    db: pg.Pool,
    exclusions: readonly FingerprintExclusion[],
  ): Promise<DatabaseFingerprint> {
    const { rows } = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const skipped = new Set(exclusions.filter((e) => !e.columns).map((e) => e.table));
    const tables = rows.map((r) => r.table_name).filter((t) => !skipped.has(t));
    const parts = tables.map((table) => {
      const columns = exclusions.find((e) => e.table === table)?.columns ?? [];
      const minus = columns.map((c) => ` - ${literal(c)}`).join('');
      return `SELECT ${literal(table)} AS t, count(*)::text || ':' ||
                coalesce(sum(length(r)), 0)::text || ':' ||
                md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) AS h
           FROM (SELECT (to_jsonb(x)${minus})::text AS r FROM ${identifier(table)} x) s`;
    });
    return new DatabaseFingerprint(db, parts.join('\nUNION ALL\n'), tables);
  }

  async take(): Promise<Fingerprint> {
    const { rows } = await this.db.query<{ t: string; h: string }>(this.sql);
    return new Map(rows.map((r) => [r.t, r.h]));
  }

  /** The table whose rows grew the most as text (characters), and by how much. */
  static largestGrowth(
    before: Fingerprint,
    after: Fingerprint,
  ): { table: string; characters: number } {
    const length = (hash: string | undefined) => Number(hash?.split(':')[1] ?? 0);
    let largest = { table: '', characters: 0 };
    for (const [table, hash] of after) {
      const characters = length(hash) - length(before.get(table));
      if (characters > largest.characters) largest = { table, characters };
    }
    return largest;
  }

  /** Tables whose rows differ, with their row counts before and after. */
  static diff(before: Fingerprint, after: Fingerprint): string[] {
    const changed: string[] = [];
    for (const [table, hash] of after) {
      const was = before.get(table);
      if (was !== hash)
        changed.push(`${table} (rows ${was?.split(':')[0] ?? '?'} → ${hash.split(':')[0]})`);
    }
    return changed;
  }

  /**
   * Takes fingerprints until two in a row `gapMs` apart agree: work a request started
   * and did not wait for (a fire-and-forget write) has landed by then.
   */
  async settled(gapMs = 15, maxMs = 5_000): Promise<Fingerprint> {
    const deadline = Date.now() + maxMs;
    let last = await this.take();
    for (;;) {
      await new Promise((r) => setTimeout(r, gapMs));
      const next = await this.take();
      if (DatabaseFingerprint.diff(last, next).length === 0 || Date.now() > deadline) return next;
      last = next;
    }
  }
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const identifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
