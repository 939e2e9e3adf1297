import type { RandomCondition } from '@switchyard/contracts';
import type { CompileScope } from './compile-scope.js';

/**
 * Stable bucket 0-99 of (customer id, salt): the first 32 bits of
 * md5("<id>:<salt>") as an unsigned number, modulo 100. Reproducible outside Postgres
 * (see randomBucket in the memory evaluator), unlike hashtext.
 */
export function randomConditionSql(c: RandomCondition, { params }: CompileScope): string {
  const salt = params.add(c.random.salt, 'text');
  const bucket = `(('x' || substr(md5(c.id::text || ':' || ${salt}), 1, 8))::bit(32)::bigint % 100)`;
  return `(${bucket} < ${params.add(c.random.percent, 'integer')})`;
}
