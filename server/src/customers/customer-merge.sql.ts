import { traitsWithinLimitSql } from './customer-traits-limit.sql.js';

/**
 * How a stored customer absorbs newer data, for every writer that upserts customers
 * (real-time ingest, imports): the `ON CONFLICT` clause of an
 * `INSERT INTO customers AS c (workspace_id, external_id, traits, first_seen_at,
 * last_seen_at)`. Traits are merged in (the new ones win; a merge that would pass the
 * customer's limit is an error, see customer-traits-limit.sql.ts), first/last seen
 * widened, and updated_at moves only when something changed. Fixed SQL text, no value.
 */
export const CUSTOMER_MERGE_ON_CONFLICT_SQL = `
  ON CONFLICT (workspace_id, external_id) DO UPDATE SET
    traits = CASE WHEN EXCLUDED.traits = '{}'::jsonb THEN c.traits
                  ELSE ${traitsWithinLimitSql('c.traits || EXCLUDED.traits', 'c.external_id')} END,
    first_seen_at = least(c.first_seen_at, EXCLUDED.first_seen_at),
    last_seen_at = greatest(c.last_seen_at, EXCLUDED.last_seen_at),
    updated_at = CASE
      WHEN c.traits || EXCLUDED.traits IS DISTINCT FROM c.traits
        OR EXCLUDED.first_seen_at < c.first_seen_at
        OR EXCLUDED.last_seen_at > c.last_seen_at
      THEN now() ELSE c.updated_at END`;
