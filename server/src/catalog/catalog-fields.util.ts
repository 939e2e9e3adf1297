import { type CatalogField, type CatalogValueType, fieldNameSchema } from '@switchyard/contracts';

/** One row of the field statistics query: a field seen with one JSON type. */
export interface FieldStatsRow {
  name: string;
  json_type: 'string' | 'number' | 'boolean' | 'array';
  seen: number;
  date_like: number;
  samples: unknown[];
}

/** A string field counts as a date when this share of its values start with YYYY-MM-DD. */
const DATE_SHARE = 0.9;
const SAMPLE_TEXT_MAX = 80;
export const CATALOG_FIELDS_MAX = 500;

function valueType(row: FieldStatsRow): CatalogValueType {
  switch (row.json_type) {
    case 'array':
      return 'list';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return row.seen > 0 && row.date_like / row.seen >= DATE_SHARE ? 'date' : 'string';
    default: {
      const never: never = row.json_type;
      throw new Error(`unknown JSON type ${String(never)}`);
    }
  }
}

function sampleValue(value: unknown): string | number | boolean | null {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string')
    return value.length > SAMPLE_TEXT_MAX ? `${value.slice(0, SAMPLE_TEXT_MAX)}…` : value;
  return null;
}

/**
 * Per field, the JSON type seen most often wins; fields whose names the rule language
 * cannot address are left out. Sorted by name.
 */
export function toCatalogFields(rows: readonly FieldStatsRow[]): CatalogField[] {
  const byName = new Map<string, { best: FieldStatsRow; seen: number }>();
  for (const row of rows) {
    if (!fieldNameSchema.safeParse(row.name).success) continue;
    const entry = byName.get(row.name);
    if (!entry) byName.set(row.name, { best: row, seen: row.seen });
    else {
      entry.seen += row.seen;
      if (row.seen > entry.best.seen) entry.best = row;
    }
  }
  return [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, CATALOG_FIELDS_MAX)
    .map(([name, { best, seen }]) => ({
      name,
      type: valueType(best),
      seen,
      samples: best.samples
        .map(sampleValue)
        .filter((v): v is string | number | boolean => v !== null),
    }));
}
