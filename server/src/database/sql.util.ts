import type { EntityManager } from 'typeorm';

export type Queryable = Pick<EntityManager, 'query'>;

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

/** Rows of an UPDATE or DELETE ... RETURNING (TypeORM answers those `[rows, count]`). */
export async function updateReturning<T>(
  db: Queryable,
  sql: string,
  params: readonly unknown[] = [],
): Promise<T[]> {
  const result = (await db.query(sql, [...params])) as unknown;
  if (Array.isArray(result) && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}
