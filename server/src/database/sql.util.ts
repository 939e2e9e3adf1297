import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * Rows of a SELECT or of an INSERT ... RETURNING. (TypeORM's postgres driver returns
 * `[rows, count]` for UPDATE and DELETE: use `execute` for those.)
 */
export async function selectRows<T>(
  db: Queryable,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  return (await db.query(sql, [...params])) as T[];
}

export async function selectOne<T>(
  db: Queryable,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T | undefined> {
  const rows = await selectRows<T>(db, sql, params);
  return rows[0];
}

/** Runs an UPDATE or DELETE; returns the number of rows it touched. */
export async function execute(
  db: Queryable,
  sql: string,
  params: readonly unknown[] = [],
): Promise<number> {
  const result = (await db.query(sql, [...params])) as unknown;
  if (Array.isArray(result) && typeof result[1] === 'number') return result[1];
  return Array.isArray(result) ? result.length : 0;
}

/** Adds one column of values as a bind parameter and returns its placeholder (`$n::cast[]`). */
export type ColumnParam = (cast: string, values: unknown[]) => string;

/** A ColumnParam numbering into `values`, for a statement assembled from several parts. */
export function columnParams(values: unknown[]): ColumnParam {
  return (cast, columnValues) => {
    values.push(columnValues);
    return `$${values.length}::${cast}[]`;
  };
}

/** The arguments of `unnest(...)` for `rows`: one array parameter per `[cast, pick]` column. */
export function unnestArgs<R>(
  column: ColumnParam,
  rows: readonly R[],
  columns: readonly (readonly [cast: string, pick: (row: R) => unknown])[],
): string {
  return columns.map(([cast, pick]) => column(cast, rows.map(pick))).join(', ');
}
