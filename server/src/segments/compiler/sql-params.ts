/**
 * Collects bind parameters while SQL text is assembled. Only placeholders (`$n`) and
 * fixed SQL fragments ever enter the text; every value and every name is a parameter.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(initial: unknown[] = []) {
    this.values.push(...initial);
  }

  /** Adds a value and returns its placeholder, with an explicit cast. */
  add(value: unknown, cast: SqlCast): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

type ScalarCast =
  'text' | 'numeric' | 'boolean' | 'timestamptz' | 'integer' | 'bigint' | 'uuid' | 'jsonb';

export type SqlCast = ScalarCast | `${ScalarCast}[]`;

/**
 * The arguments of `unnest(...)` over `rows`: one array parameter per `[cast, pick]`
 * column, so a set of rows is written by one statement.
 */
export function unnestArgs<R>(
  params: SqlParams,
  rows: readonly R[],
  columns: readonly (readonly [cast: ScalarCast, pick: (row: R) => unknown])[],
): string {
  return columns.map(([cast, pick]) => params.add(rows.map(pick), `${cast}[]`)).join(', ');
}

/** A trait/property path `a.b.c` as the text[] that `#>` / `#>>` take. */
export function jsonPath(name: string): string[] {
  return name.split('.');
}

/**
 * A jsonb value as numeric, the way `sy_num(text)` reads it, but without the regex for
 * values stored as JSON numbers (the common case): `json` and `text` are the `#>` and
 * `#>>` of the same path.
 */
export function numericSql(json: string, text: string): string {
  return `(CASE WHEN jsonb_typeof(${json}) = 'number' THEN (${json})::numeric ELSE sy_num(${text}) END)`;
}
