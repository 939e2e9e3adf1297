/**
 * Catalog queries. Each reads a bounded sample (never the whole table) and is scoped by
 * the workspace in $1; names travel as bind parameters.
 */

/** Most customers read for the traits catalog: the newest first seen, by index. */
export const TRAIT_SAMPLE_SIZE = 10_000;
/** Most events of one name read for its properties. */
export const PROPERTY_SAMPLE_SIZE = 5_000;
/** Counting an event's occurrences stops here (the count is then a lower bound). */
export const EVENT_COUNT_CAP = 100_000;
/** Most distinct event names listed. */
export const EVENT_NAMES_MAX = 500;

/**
 * Field statistics over `sample(doc)`: per field (top-level key, or `parent.child` one
 * level down) and JSON type, how often it was seen, how many strings look like dates, and
 * the five most frequent scalar values.
 */
const FIELD_STATS = `
fields AS (
  SELECT kv.key AS name, kv.value FROM sample, jsonb_each(sample.doc) kv
  UNION ALL
  SELECT kv.key || '.' || sub.key, sub.value
  FROM sample, jsonb_each(sample.doc) kv,
       jsonb_each(CASE WHEN jsonb_typeof(kv.value) = 'object' THEN kv.value ELSE '{}'::jsonb END) sub
), typed AS (
  SELECT name, value, jsonb_typeof(value) AS json_type FROM fields
  WHERE jsonb_typeof(value) NOT IN ('null', 'object')
), per_type AS (
  SELECT name, json_type, count(*)::int AS seen,
         count(*) FILTER (
           WHERE json_type = 'string' AND (value #>> '{}') ~ '^\\d{4}-\\d{2}-\\d{2}'
         )::int AS date_like
  FROM typed GROUP BY name, json_type
), top_values AS (
  SELECT name, json_type, value,
         row_number() OVER (PARTITION BY name, json_type ORDER BY count(*) DESC, value) AS rank
  FROM typed WHERE json_type <> 'array' GROUP BY name, json_type, value
)
SELECT p.name, p.json_type, p.seen, p.date_like,
       (SELECT count(*)::int FROM sample) AS sampled,
       coalesce((SELECT jsonb_agg(t.value ORDER BY t.rank) FROM top_values t
                 WHERE t.name = p.name AND t.json_type = p.json_type AND t.rank <= 5),
                '[]'::jsonb) AS samples
FROM per_type p
ORDER BY p.name, p.json_type`;

/** $1 workspace, $2 sample size. Served by customers(workspace_id, first_seen_at). */
export const TRAIT_STATS_SQL = `
WITH sample AS (
  SELECT traits AS doc FROM customers WHERE workspace_id = $1
  ORDER BY first_seen_at DESC LIMIT $2
), ${FIELD_STATS}`;

/** $1 workspace, $2 event name, $3 sample size. Served by events(workspace_id, name). */
export const PROPERTY_STATS_SQL = `
WITH sample AS (
  SELECT properties AS doc FROM events WHERE workspace_id = $1 AND name = $2 LIMIT $3
), ${FIELD_STATS}`;

/**
 * Distinct event names by a skip scan over events(workspace_id, name): one index probe per
 * name instead of reading every event. Each name is then counted up to a cap. $1
 * workspace, $2 most names, $3 count cap.
 */
export const EVENT_NAMES_SQL = `
WITH RECURSIVE names AS (
  (SELECT name, 1 AS n FROM events WHERE workspace_id = $1 ORDER BY name LIMIT 1)
  UNION ALL
  SELECT (SELECT e.name FROM events e WHERE e.workspace_id = $1 AND e.name > names.name
          ORDER BY e.name LIMIT 1), names.n + 1
  FROM names WHERE names.name IS NOT NULL AND names.n < $2
)
SELECT names.name, counted.n::int AS count
FROM names,
     LATERAL (SELECT count(*) AS n FROM (
       SELECT 1 FROM events e WHERE e.workspace_id = $1 AND e.name = names.name LIMIT $3
     ) capped) counted
WHERE names.name IS NOT NULL AND left(names.name, 1) <> '$'
ORDER BY counted.n DESC, names.name`;
