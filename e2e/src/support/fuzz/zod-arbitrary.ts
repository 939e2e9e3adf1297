import fc from 'fast-check';

/**
 * fast-check arbitraries of values a zod 4 schema accepts, read from the schema's
 * definition (`schema._zod.def`, zod 4's introspection surface for library authors).
 * zod-fast-check only speaks zod 3, hence this walker. Values are "valid-ish": checks
 * the definition cannot express (refine, superRefine) are met by trying a few candidates
 * and keeping the first the schema accepts, so most values pass and the rest are near
 * misses, which is what a fuzzer wants anyway.
 */

/** The structural part of a zod 4 schema this walker reads (no import of zod needed). */
export interface ZodLike {
  _zod: { def: ZodDef; optin?: 'optional' | 'defaulted' };
  safeParse(value: unknown): { success: boolean };
}

interface ZodDef {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  [key: string]: unknown;
}

interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  [key: string]: unknown;
}

/** A schema this walker cannot see into (a transform, a recursive union): recognised by probing. */
export interface SchemaOverride {
  name: string;
  matches(schema: ZodLike): boolean;
  arbitrary(derive: Derive): fc.Arbitrary<unknown>;
}

/** Derives the arbitrary of a schema; `field` is the object key it sits under (for id pools). */
export type Derive = (schema: ZodLike, field?: string) => fc.Arbitrary<unknown>;

export interface DeriveOptions {
  /** Real ids for a uuid field, chosen by the field's name (segmentId, groupId, ...). */
  idsFor?: (field: string | undefined) => readonly string[];
  overrides?: readonly SchemaOverride[];
}

const CANDIDATES = 4;
const ABSENT = Symbol('absent');

/** Keeps the first of a few candidates the schema accepts (or the first one). */
export function preferValid<T>(
  arbitrary: fc.Arbitrary<T>,
  schema: ZodLike,
  candidates = CANDIDATES,
): fc.Arbitrary<T> {
  return fc
    .array(arbitrary, { minLength: candidates, maxLength: candidates })
    .map((candidates) => candidates.find((c) => schema.safeParse(c).success) ?? candidates[0]!);
}

/**
 * Dates near the fixtures' (2023-2025) mostly, anything from 1970 to 2100 sometimes, and
 * the edges a date format allows (year 0000 and 9999) now and then.
 */
const isoDate = fc
  .oneof(
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        new Date('0000-01-01T00:00:00.000Z'),
        new Date('0001-01-01T00:00:00.000Z'),
        new Date('9999-12-31T23:59:59.999Z'),
        new Date('1969-12-31T23:59:59.999Z'),
      ),
    },
    {
      weight: 4,
      arbitrary: fc.date({
        min: new Date('2023-01-01T00:00:00Z'),
        max: new Date('2025-12-31T23:59:59Z'),
        noInvalidDate: true,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.date({
        min: new Date('1970-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      }),
    },
  )
  .map((d) => d.toISOString());

const isoDateTime = fc
  .tuple(isoDate, fc.constantFrom('Z', '+09:00', '-05:30', '+00:00'))
  .map(([iso, zone]) => (zone === 'Z' ? iso : iso.replace('Z', zone)));

export function zodArbitrary(schema: ZodLike, options: DeriveOptions = {}): fc.Arbitrary<unknown> {
  const overrides = options.overrides ?? [];
  const idsFor = options.idsFor ?? (() => []);
  const matched = new Map<ZodLike, SchemaOverride | null>();
  const built = new Map<SchemaOverride, fc.Arbitrary<unknown>>();
  let depth = 0;

  const derive: Derive = (s, field) => {
    if (!matched.has(s)) matched.set(s, overrides.find((o) => o.matches(s)) ?? null);
    const override = matched.get(s);
    if (override) {
      let arbitrary = built.get(override);
      if (!arbitrary) {
        arbitrary = override.arbitrary(derive);
        built.set(override, arbitrary);
      }
      return arbitrary;
    }
    depth++;
    try {
      // A recursive schema without an override: stop at a small depth with a JSON value.
      if (depth > 24) return fc.jsonValue({ maxDepth: 1 });
      return deriveStructural(s, field);
    } finally {
      depth--;
    }
  };

  const deriveStructural = (s: ZodLike, field: string | undefined): fc.Arbitrary<unknown> => {
    const def = s._zod.def;
    const checks = (def.checks ?? []).map((c) => c._zod.def);
    const hasCustom = checks.some((c) => c.check === 'custom');
    const withChecks = (arbitrary: fc.Arbitrary<unknown>) =>
      hasCustom ? preferValid(arbitrary, s) : arbitrary;
    const inner = (key: string) => derive(def[key] as ZodLike, field);
    switch (def.type) {
      case 'string':
        return deriveString(s, def, checks, field);
      case 'number':
      case 'int':
        return withChecks(deriveNumber(def, checks));
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'undefined':
      case 'void':
      case 'never':
        return fc.constant(undefined);
      case 'literal':
        return fc.constantFrom(...(def.values as unknown[]));
      case 'enum':
        return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
      case 'array': {
        const { min, max } = lengthBounds(checks);
        return withChecks(
          fc.array(derive(def.element as ZodLike, field), {
            minLength: min,
            maxLength: Math.max(min, Math.min(max, min + 3)),
          }),
        );
      }
      case 'tuple':
        return withChecks(fc.tuple(...(def.items as ZodLike[]).map((item) => derive(item, field))));
      case 'object': {
        const shape = def.shape as Record<string, ZodLike>;
        const keys = Object.keys(shape);
        // Optional keys are left out half of the time (fc.record leans towards keeping them).
        const model = Object.fromEntries(
          keys.map((k) => {
            const arbitrary = derive(unwrapOptional(shape[k]!), k);
            return [
              k,
              shape[k]!._zod.optin === undefined
                ? arbitrary
                : fc.option(arbitrary, { nil: ABSENT, freq: 2 }),
            ];
          }),
        );
        const record = fc.record(model).map((value) => {
          const out: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(value)) if (v !== ABSENT) out[k] = v;
          return out;
        });
        // Cross-field refinements (one source of several) need more tries.
        return hasCustom ? preferValid(record, s, 12) : record;
      }
      case 'record':
        return withChecks(
          fc.dictionary(
            derive(def.keyType as ZodLike) as fc.Arbitrary<string>,
            derive(def.valueType as ZodLike),
            { maxKeys: 4 },
          ),
        );
      case 'union':
        return withChecks(fc.oneof(...(def.options as ZodLike[]).map((o) => derive(o, field))));
      case 'intersection':
        return withChecks(inner('left'));
      case 'optional':
      case 'default':
      case 'prefault':
        return fc.option(inner('innerType'), { nil: undefined, freq: 4 });
      case 'nullable':
        return fc.option(inner('innerType'), { nil: null, freq: 4 });
      case 'nonoptional':
      case 'readonly':
      case 'catch':
        return inner('innerType');
      case 'pipe': {
        // A transform may refuse its input: keep candidates the whole pipe accepts.
        const out = def.out as ZodLike;
        return preferValid(out._zod.def.type === 'transform' ? inner('in') : inner('out'), s);
      }
      case 'lazy':
        return withChecks(derive((def.getter as () => ZodLike)(), field));
      default:
        // unknown, any, transform, custom, date, bigint...: a small JSON value.
        return fc.jsonValue({ maxDepth: 2 });
    }
  };

  const deriveString = (
    s: ZodLike,
    def: ZodDef,
    checks: CheckDef[],
    field: string | undefined,
  ): fc.Arbitrary<unknown> => {
    // A format schema (z.uuid(), z.iso.date()) carries its format on its own definition.
    const format =
      (def.format as string | undefined) ?? checks.find((c) => c.check === 'string_format')?.format;
    const pattern =
      (def.pattern as RegExp | undefined) ??
      checks.find((c) => c.check === 'string_format' && c.pattern)?.pattern;
    const { min, max } = lengthBounds(checks);
    let base: fc.Arbitrary<string>;
    switch (format) {
      case 'uuid':
      case 'guid': {
        const ids = idsFor(field);
        base = ids.length
          ? fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom(...ids) },
              { weight: 1, arbitrary: fc.uuid() },
            )
          : fc.uuid();
        break;
      }
      case 'datetime':
        base = isoDateTime;
        break;
      case 'date':
        base = isoDate.map((iso) => iso.slice(0, 10));
        break;
      case 'url':
        base = fc.webUrl({ validSchemes: ['http', 'https'] });
        break;
      case 'email':
        base = fc.oneof(
          fc
            .tuple(fc.stringMatching(/^[a-z0-9]([a-z0-9._+-]{0,18}[a-z0-9])?$/), fc.domain())
            .map(([local, domain]) => `${local}@${domain}`),
          fc.emailAddress(),
        );
        break;
      default:
        base = pattern
          ? fc
              .stringMatching(pattern, { size: 'xsmall' })
              // Too short for min_length: repeated (which keeps `^[class]+$` patterns).
              .map((v) =>
                v.length > 0 && v.length < min ? v.repeat(Math.ceil(min / v.length)) : v,
              )
          : fc.oneof(
              fc.string({
                unit: 'grapheme-ascii',
                minLength: min,
                maxLength: Math.min(max, min + 24),
              }),
              fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, min + 12) }),
            );
    }
    const constrained = format !== undefined || pattern !== undefined;
    return constrained || checks.some((c) => c.check === 'custom') || min > 0
      ? preferValid(base, s)
      : base;
  };

  return derive(schema);
}

function unwrapOptional(schema: ZodLike): ZodLike {
  const def = schema._zod.def;
  // Inside an object, absence is the record's business; keep null for `nullish`.
  return def.type === 'optional' ? (def.innerType as ZodLike) : schema;
}

function lengthBounds(checks: CheckDef[]): { min: number; max: number } {
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const c of checks) {
    if (c.check === 'min_length' && c.minimum !== undefined) min = Math.max(min, c.minimum);
    if (c.check === 'max_length' && c.maximum !== undefined) max = Math.min(max, c.maximum);
    if (c.check === 'length_equals' && c.length !== undefined) {
      min = c.length;
      max = c.length;
    }
  }
  return { min, max: Number.isFinite(max) ? max : Math.max(min, 8) };
}

function deriveNumber(def: ZodDef, checks: CheckDef[]): fc.Arbitrary<number> {
  let lo = Number.NEGATIVE_INFINITY;
  let hi = Number.POSITIVE_INFINITY;
  let loExcluded = false;
  let hiExcluded = false;
  let integer = def.type === 'int';
  for (const c of checks) {
    if (c.check === 'greater_than' && c.value !== undefined) {
      lo = c.value;
      loExcluded = c.inclusive === false;
    }
    if (c.check === 'less_than' && c.value !== undefined) {
      hi = c.value;
      hiExcluded = c.inclusive === false;
    }
    if (c.check === 'number_format' && c.format !== 'float32' && c.format !== 'float64')
      integer = true;
  }
  if (integer) {
    const safe = Number.MAX_SAFE_INTEGER;
    const min = Math.max(Number.isFinite(lo) ? Math.ceil(lo + (loExcluded ? 1 : 0)) : -safe, -safe);
    const max = Math.min(Number.isFinite(hi) ? Math.floor(hi - (hiExcluded ? 1 : 0)) : safe, safe);
    // The bounds and the edges of Postgres integer types, where they are allowed.
    const edges = [min, max, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 32].filter(
      (n) => n >= min && n <= max,
    );
    return fc.oneof(
      { weight: 3, arbitrary: smallIntegers(min, max) },
      { weight: 1, arbitrary: fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) }) },
      { weight: 1, arbitrary: fc.constantFrom(...edges) },
    );
  }
  const min = Number.isFinite(lo) ? lo : -Number.MAX_VALUE;
  const max = Number.isFinite(hi) ? hi : Number.MAX_VALUE;
  const wide = [Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 1e21, 2 ** 31, 2 ** 53 - 1];
  const edges = [lo, hi, ...wide, 0.1].filter(
    (n) =>
      Number.isFinite(n) &&
      (n > lo || (n === lo && !loExcluded)) &&
      (n < hi || (n === hi && !hiExcluded)),
  );
  return fc.oneof(
    {
      weight: 2,
      arbitrary: smallIntegers(Math.ceil(Math.max(min, -1e9)), Math.floor(Math.min(max, 1e9))),
    },
    {
      weight: edges.length > 0 ? 1 : 0,
      arbitrary: fc.constantFrom(...(edges.length ? edges : [0])),
    },
    {
      weight: 1,
      arbitrary: fc.double({
        min,
        max,
        minExcluded: loExcluded,
        maxExcluded: hiExcluded,
        noNaN: true,
        noDefaultInfinity: true,
      }),
    },
  );
}

/** Whole numbers from -3 to 12 clipped to [min, max] (or the bounds when that is empty). */
function smallIntegers(min: number, max: number): fc.Arbitrary<number> {
  const lo = Math.max(min, -3);
  const hi = Math.min(max, 12);
  if (lo <= hi) return fc.integer({ min: lo, max: hi });
  return min <= max ? fc.constantFrom(min, max) : fc.constant(min);
}
