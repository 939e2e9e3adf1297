/**
 * The set-based statements that store messages, shared by real-time ingest (messages
 * bound as column arrays) and imports (messages COPYed into a temp staging table). Both
 * sources expose the same columns; the workspace is always $1. Only fixed SQL text is
 * assembled here; every value is a bind parameter.
 */
export type MessageSource = 'arrays' | 'staging';

export const STAGING_TABLE = 'import_staging';
export const MESSAGE_COLUMNS = 'pos, type, external_id, message_id, name, payload, ts';

function sourceSql(source: MessageSource): string {
  switch (source) {
    case 'arrays':
      return `SELECT * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::timestamptz[])
        AS s(${MESSAGE_COLUMNS})`;
    case 'staging':
      return `SELECT ${MESSAGE_COLUMNS} FROM ${STAGING_TABLE}`;
    default: {
      const unknown: never = source;
      throw new Error(`unknown message source ${String(unknown)}`);
    }
  }
}

/**
 * The source with repeated message ids removed (the first by position stays); messages
 * without an id are all kept.
 */
function uniqueMessagesSql(source: MessageSource): string {
  return `SELECT DISTINCT ON (s.message_id, CASE WHEN s.message_id IS NULL THEN s.pos END) s.*
      FROM (${sourceSql(source)}) AS s
      ORDER BY s.message_id, CASE WHEN s.message_id IS NULL THEN s.pos END, s.pos`;
}

/**
 * One upsert for every customer of the messages: identify traits merged in message order
 * (`traits || new`), first/last seen widened to the messages' times. Messages whose id is
 * already stored (or repeated earlier in the same source) are duplicates and change
 * nothing, so a retried request or a re-run import leaves customers as they were. Rows
 * are taken in external-id order so concurrent writers lock them in the same order; rows
 * that would not change are left alone, so the row count is customers inserted or changed.
 */
export function upsertCustomersSql(source: MessageSource): string {
  return `
    WITH m AS (${uniqueMessagesSql(source)}),
    fresh AS (
      SELECT m.* FROM m LEFT JOIN events e ON e.workspace_id = $1::uuid AND e.message_id = m.message_id
      WHERE e.id IS NULL
    ),
    seen AS (
      SELECT external_id, min(ts) AS first_seen_at, max(ts) AS last_seen_at FROM fresh GROUP BY external_id
    ),
    merged AS (
      SELECT f.external_id, jsonb_object_agg(t.key, t.value ORDER BY f.ts, f.pos) AS traits
      FROM fresh f CROSS JOIN LATERAL jsonb_each(f.payload) AS t
      WHERE f.type = 'identify'
      GROUP BY f.external_id
    )
    INSERT INTO customers AS c (workspace_id, external_id, traits, first_seen_at, last_seen_at)
    SELECT $1::uuid, seen.external_id, coalesce(merged.traits, '{}'::jsonb), seen.first_seen_at, seen.last_seen_at
    FROM seen LEFT JOIN merged USING (external_id)
    ORDER BY seen.external_id
    ON CONFLICT (workspace_id, external_id) DO UPDATE SET
      traits = c.traits || EXCLUDED.traits,
      first_seen_at = least(c.first_seen_at, EXCLUDED.first_seen_at),
      last_seen_at = greatest(c.last_seen_at, EXCLUDED.last_seen_at),
      updated_at = now()
    WHERE c.traits || EXCLUDED.traits IS DISTINCT FROM c.traits
       OR EXCLUDED.first_seen_at < c.first_seen_at
       OR EXCLUDED.last_seen_at > c.last_seen_at`;
}

export type InsertEventsResult = 'customerIds' | 'events' | 'count';

/**
 * One insert for every event of the messages (after upsertCustomersSql). A message id
 * already stored, or repeated in the same source, is skipped (ON CONFLICT also covers a
 * concurrent writer). Answers the distinct customers that got new events (to mark them
 * dirty), the new events (id, customer, name: for journey triggers) or how many were inserted.
 */
export function insertEventsSql(source: MessageSource, result: InsertEventsResult): string {
  let select: string;
  switch (result) {
    case 'customerIds':
      select = 'SELECT DISTINCT customer_id::text AS customer_id FROM inserted';
      break;
    case 'events':
      select = 'SELECT id::text AS id, customer_id::text AS customer_id, name FROM inserted';
      break;
    case 'count':
      select = 'SELECT count(*)::int AS inserted FROM inserted';
      break;
    default: {
      const unknown: never = result;
      throw new Error(`unknown result ${String(unknown)}`);
    }
  }
  return `
    WITH m AS (${uniqueMessagesSql(source)}),
    inserted AS (
      INSERT INTO events (workspace_id, customer_id, type, name, properties, ts, message_id)
      SELECT $1::uuid, c.id, m.type, m.name, m.payload, m.ts, m.message_id
      FROM m JOIN customers c ON c.workspace_id = $1::uuid AND c.external_id = m.external_id
      -- customer order keeps index and foreign-key lookups local (a third faster)
      ORDER BY c.id, m.ts, m.pos
      ON CONFLICT (workspace_id, message_id) WHERE message_id IS NOT NULL DO NOTHING
      RETURNING id, customer_id, name
    )
    ${select}`;
}
