import {
  CUSTOMER_MERGE_ON_CONFLICT_SQL,
  proposedTraitsSql,
} from '../customers/customer-merge.sql.js';

/**
 * Statements of an import's chunks (ImportChunkWriter), run in the import's transaction.
 * Only fixed SQL text; every value is bound ($1 is always the workspace).
 */

/** Whether the workspace holds any message id (then every id of an import is checked). */
export const WORKSPACE_HAS_MESSAGE_IDS_SQL = `
  SELECT EXISTS (SELECT 1 FROM events WHERE workspace_id = $1 AND message_id IS NOT NULL) AS has`;

/**
 * Which of these message ids are stored already (by earlier chunks or before): one index
 * probe per id. OFFSET 0 keeps EXISTS a per-id subplan; as a join, the planner would hash
 * every event of the workspace (its statistics lag behind an import), per chunk.
 */
export const STORED_MESSAGE_IDS_SQL = `
  SELECT c.id AS message_id FROM unnest($2::text[]) AS c(id)
  WHERE EXISTS (SELECT 1 FROM events e WHERE e.workspace_id = $1 AND e.message_id = c.id OFFSET 0)`;

/**
 * Upserts a chunk's customers ($2 external ids, $3 traits, $4/$5 first/last seen) in
 * external-id order and answers every one's id: traits merged (`traits || new`, within
 * the customer's limit: customer-traits-limit.sql.ts),
 * first/last seen widened, updated_at moved only when something changed (the import
 * counts its customers by it). DO UPDATE returns the row even when a concurrent writer
 * created it after this statement began.
 */
export const UPSERT_CHUNK_CUSTOMERS_SQL = `
  INSERT INTO customers AS c (workspace_id, external_id, traits, first_seen_at, last_seen_at)
  SELECT $1, x.external_id, ${proposedTraitsSql('x.traits', '$1', 'x.external_id')},
         x.first_seen_at, x.last_seen_at
  FROM unnest($2::text[], $3::jsonb[], $4::timestamptz[], $5::timestamptz[])
    AS x(external_id, traits, first_seen_at, last_seen_at)
  ORDER BY x.external_id
  ${CUSTOMER_MERGE_ON_CONFLICT_SQL}
  RETURNING c.id::text AS id, c.external_id`;

/** The chunk's events, straight into the table (COPY text rows from ImportChunk). */
export const COPY_EVENTS_SQL = `
  COPY events (workspace_id, customer_id, type, name, properties, ts, message_id) FROM STDIN`;

/** Customers this transaction created or changed (their updated_at is its now()). */
export const CUSTOMERS_TOUCHED_SQL = `
  SELECT count(*)::int AS n FROM customers WHERE workspace_id = $1 AND updated_at = now()`;
