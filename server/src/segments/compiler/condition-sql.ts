import { type AttributeOp, type ConditionValue, splitListPath } from '@switchyard/contracts';
import { jsonPath, type SqlParams, numericSql } from './sql-params.js';

const DAY = "interval '1 day'";

/**
 * SQL for one `{field, op, value}` test over a jsonb document (customer traits or event
 * properties). `doc` is a fixed SQL expression such as `c.traits`; `asOf` is the
 * placeholder of the evaluation time. The semantics (list traits, case, collation) are
 * stated on AttributeCondition in the contracts and mirrored by the memory evaluator.
 * `list[].field` holds when some element of the list passes the test on its field.
 */
export function fieldConditionSql(
  doc: string,
  name: string,
  op: AttributeOp,
  value: ConditionValue | undefined,
  params: SqlParams,
  asOf: string,
): string {
  const inList = splitListPath(name);
  if (inList) {
    const list = `(${doc} #> ${params.add(jsonPath(inList.list), 'text[]')})`;
    const test = fieldConditionSql('el.j', inList.field, op, value, params, asOf);
    return `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${list}) = 'array' THEN ${list} ELSE '[]'::jsonb END) AS el(j) WHERE coalesce(${test}, false))`;
  }
  const path = params.add(jsonPath(name), 'text[]');
  const json = `(${doc} #> ${path})`;
  const text = `(${doc} #>> ${path})`;
  switch (op) {
    case 'eq':
      return equalsSql(json, text, value, params);
    case 'neq':
      return `NOT coalesce(${equalsSql(json, text, value, params)}, false)`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compareSql(json, text, SQL_COMPARATORS[op], value, params);
    case 'between': {
      const [low, high] = Array.isArray(value) ? value : [];
      return `(${compareSql(json, text, '>=', low ?? null, params)} AND ${compareSql(json, text, '<=', high ?? null, params)})`;
    }
    case 'in':
      return inSql(json, text, value, params);
    case 'notIn':
      return `NOT coalesce(${inSql(json, text, value, params)}, false)`;
    case 'contains': {
      const needle = params.add(String(value ?? ''), 'text');
      return `(CASE jsonb_typeof(${json}) WHEN 'array' THEN ${anyElement(json, `lower(x.v) = lower(${needle})`)} ELSE strpos(lower(${text}), lower(${needle})) > 0 END)`;
    }
    case 'startsWith': {
      const prefix = params.add(String(value ?? ''), 'text');
      return `starts_with(lower(${text}), lower(${prefix}))`;
    }
    case 'exists':
      return `(${json} IS NOT NULL AND jsonb_typeof(${json}) <> 'null')`;
    case 'missing':
      return `(${json} IS NULL OR jsonb_typeof(${json}) = 'null')`;
    case 'withinLastDays': {
      const days = params.add(Number(value), 'integer');
      return `(sy_ts(${text}) > ${asOf} - ${days} * ${DAY} AND sy_ts(${text}) <= ${asOf})`;
    }
    case 'moreThanDaysAgo': {
      const days = params.add(Number(value), 'integer');
      return `(sy_ts(${text}) <= ${asOf} - ${days} * ${DAY})`;
    }
    case 'anniversaryThisMonth':
      return `(extract(month from sy_ts(${text}) AT TIME ZONE 'UTC') = extract(month from ${asOf} AT TIME ZONE 'UTC'))`;
    default: {
      const never: never = op;
      throw new Error(`unknown operator ${String(never)}`);
    }
  }
}

const SQL_COMPARATORS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function equalsSql(
  json: string,
  text: string,
  value: ConditionValue | undefined,
  params: SqlParams,
): string {
  if (typeof value === 'number')
    return `(${numericSql(json, text)} = ${params.add(value, 'numeric')})`;
  if (typeof value === 'boolean') return `(${json} = to_jsonb(${params.add(value, 'boolean')}))`;
  return `(${text} = ${params.add(String(value ?? ''), 'text')})`;
}

function compareSql(
  json: string,
  text: string,
  cmp: string,
  value: ConditionValue | undefined,
  params: SqlParams,
): string {
  if (typeof value === 'number')
    return `(${numericSql(json, text)} ${cmp} ${params.add(value, 'numeric')})`;
  // Code-point order whatever the database's collation, as in JavaScript.
  return `(${text} COLLATE "C" ${cmp} ${params.add(String(value ?? ''), 'text')})`;
}

/** A scalar is one of the values; a list overlaps them. */
function inSql(
  json: string,
  text: string,
  value: ConditionValue | undefined,
  params: SqlParams,
): string {
  const list = params.add(
    (Array.isArray(value) ? value : [value]).map((v) => String(v)),
    'text[]',
  );
  return `(CASE jsonb_typeof(${json}) WHEN 'array' THEN ${anyElement(json, `x.v = ANY(${list})`)} ELSE ${text} = ANY(${list}) END)`;
}

/** Some element `x.v` (as text) of the JSON array satisfies `test`. */
function anyElement(json: string, test: string): string {
  return `EXISTS (SELECT 1 FROM jsonb_array_elements_text(${json}) AS x(v) WHERE ${test})`;
}
