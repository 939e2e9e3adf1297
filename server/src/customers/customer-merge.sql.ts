import { traitsWithinLimitSql } from './customer-traits-limit.sql.js';

/**
 * SQL for `base || incoming` without the traits `incoming` sets to null: setting a trait to
 * null removes it (as Braze does), which is also how a client makes room under the
 * customer's limit. Only top-level names: nested values are kept as they were sent. With
 * `base` null, `incoming` alone loses its null traits (a new customer). Both are SQL
 * expressions of the caller's statement.
 */
export function mergeTraitsSql(base: string | null, incoming: string): string {
  const merged = base === null ? incoming : `(${base} || ${incoming})`;
  return `(CASE WHEN ${hasNullTraitSql(incoming)}
               THEN ${merged} - ARRAY(SELECT n.key FROM jsonb_each(${incoming}) AS n WHERE n.value = 'null'::jsonb)
               ELSE ${merged} END)`;
}

/** Whether the traits `incoming` (an SQL expression) set any trait to null. */
function hasNullTraitSql(incoming: string): string {
  return `jsonb_path_exists(${incoming}, 'strict $.* ? (@ == null)')`;
}

/**
 * SQL for the traits an upsert proposes (`EXCLUDED.traits`), for every writer that upserts
 * customers: `incoming` without its null traits for a customer who does not exist yet, and
 * as sent for one who does, so that the merge (CUSTOMER_MERGE_ON_CONFLICT_SQL) still sees
 * which traits to remove; an error past the customer's limit either way. Existence is
 * looked up only when a trait is null.
 */
export function proposedTraitsSql(
  incoming: string,
  workspaceId: string,
  externalId: string,
): string {
  const proposed = `CASE WHEN NOT ${hasNullTraitSql(incoming)} THEN ${incoming}
              WHEN EXISTS (SELECT 1 FROM customers o
                            WHERE o.workspace_id = ${workspaceId} AND o.external_id = ${externalId})
              THEN ${incoming}
              ELSE ${mergeTraitsSql(null, incoming)} END`;
  return traitsWithinLimitSql(proposed, externalId);
}

const MERGED = mergeTraitsSql('c.traits', 'EXCLUDED.traits');

/**
 * How a stored customer absorbs newer data, for every writer that upserts customers
 * (real-time ingest, imports): the `ON CONFLICT` clause of an
 * `INSERT INTO customers AS c (workspace_id, external_id, traits, first_seen_at,
 * last_seen_at)`. Traits are merged in (the new ones win, null ones are removed; a merge
 * that would grow them past the customer's limit is an error, see customer-traits-limit.sql.ts),
 * first/last seen widened, and updated_at moves only when something changed. Fixed SQL
 * text, no value.
 */
export const CUSTOMER_MERGE_ON_CONFLICT_SQL = `
  ON CONFLICT (workspace_id, external_id) DO UPDATE SET
    traits = CASE WHEN EXCLUDED.traits = '{}'::jsonb THEN c.traits
                  ELSE ${traitsWithinLimitSql(MERGED, 'c.external_id', 'c.traits')} END,
    first_seen_at = least(c.first_seen_at, EXCLUDED.first_seen_at),
    last_seen_at = greatest(c.last_seen_at, EXCLUDED.last_seen_at),
    updated_at = CASE
      WHEN ${MERGED} IS DISTINCT FROM c.traits
        OR EXCLUDED.first_seen_at < c.first_seen_at
        OR EXCLUDED.last_seen_at > c.last_seen_at
      THEN now() ELSE c.updated_at END`;
