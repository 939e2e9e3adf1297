import fc from 'fast-check';
import { ownObject, raw } from './raw-json.js';

/**
 * Values a hostile or careless client sends: wrong types, nulls, extreme numbers (as JSON
 * text: 1e309, -0, 2^63), strings with NUL bytes, lone surrogates, right-to-left marks,
 * huge strings and arrays, prototype keys, and deep nesting.
 */

/** Keys that reach prototypes when code copies objects carelessly. */
export const prototypeKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
];

const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));

/** Short strings that break parsers, SQL, templates, dates and encodings. */
export const nastyStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uFEFF',
  '\u202Eevil',
  '\u200B',
  '😀👨‍👩‍👧',
  'Ω≈ç√∫',
  '한국어',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  'true',
  '[]',
  '{}',
  "'; DROP TABLE customers; --",
  "' OR '1'='1",
  '$1',
  '\\',
  '%00',
  '%s%n',
  '../../etc/passwd',
  '{{constructor.constructor "return process"}}',
  '{{#each this}}{{@key}}{{/each}}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  '0000-00-00',
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '2024-02-30',
  '2024-13-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '1970-01-01T00:00:00+99:99',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-00000000000g',
  'products[].product_id',
  'a.b.c.d.e.f.g.h',
  'http://127.0.0.1:6379/',
  'http://[::1]/',
  'javascript:alert(1)',
  'Europe/Nowhere',
  '25:61',
  '#GGGGGG',
];

/** Numbers as JSON text, some beyond what JSON.stringify can write. */
export const nastyNumbers = [
  0,
  -1,
  1,
  0.5,
  -0.000001,
  2147483647,
  2147483648,
  -2147483649,
  4294967296,
  Number.MAX_SAFE_INTEGER,
  1e21,
  -1e21,
  1.7976931348623157e308,
  5e-324,
  raw('-0'),
  raw('1e309'),
  raw('-1e309'),
  raw('1e-400'),
  raw('9007199254740993'),
  raw('9223372036854775808'),
  raw('-9223372036854775809'),
  raw('123456789012345678901234567890'),
  raw('1.0'),
  raw('1E2'),
] as const;

const hugeString = fc
  .tuple(
    fc.constantFrom('x', '\u0000', '😀', 'é', ' ', '\uD800', 'ab'),
    fc.constantFrom(1_001, 10_001, 100_001, 1_000_001),
  )
  .map(([unit, n]) => unit.repeat(n));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: loneSurrogate, minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: hugeString },
);

export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nastyNumbers) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
);

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false) },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [null], [[]], [{}]) },
);

/** A key: one of the schema's own, a prototype key, or anything. */
export const hostileKey = (known: readonly string[] = []): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: known.length > 0 ? 3 : 0,
      arbitrary: fc.constantFrom(...(known.length ? known : ['x'])),
    },
    { weight: 3, arbitrary: fc.constantFrom(...prototypeKeys) },
    { weight: 2, arbitrary: fc.constantFrom(...nastyStrings) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  );

/** An array of n copies of one short scalar (cheap to build when n is large). */
const hugeArray = fc
  .tuple(
    fc.constantFrom<unknown>(...nastyStrings.slice(0, 12), ...nastyNumbers, null, true, {}, []),
    fc.constantFrom(1_001, 10_001, 200_001),
  )
  .map(([element, n]) => new Array<unknown>(n).fill(element));

/** `depth` levels of `{key: …}` or `[…]` around a value (written iteratively). */
export function nest(value: unknown, key: string | null, depth: number): unknown {
  let v = value;
  for (let i = 0; i < depth; i++) v = key === null ? [v] : ownObject([[key, v]]);
  return v;
}

const deepNesting = (keys: readonly string[]) =>
  fc
    .tuple(
      fc.option(fc.constantFrom(...keys, 'not', 'all', 'a', '__proto__'), { nil: null }),
      fc.constantFrom(33, 129, 1_000, 10_000, 100_000),
      hostileScalar,
    )
    .map(([key, depth, leaf]) =>
      key === 'all' ? nest(leaf, null, depth) : nest(leaf, key, depth),
    );

/**
 * Any JSON value a hostile client could send, objects keyed with `known` keys (the
 * schema's), prototype keys and junk.
 */
export const hostileValue = (known: readonly string[] = []): fc.Arbitrary<unknown> =>
  fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 5, arbitrary: hostileScalar },
      {
        weight: 2,
        arbitrary: fc
          .array(fc.tuple(hostileKey(known), tie('value')), { maxLength: 5 })
          .map((entries) => ownObject(entries)),
      },
      { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 5 }) },
      { weight: 1, arbitrary: hugeArray },
      { weight: 1, arbitrary: deepNesting(known.length ? known : ['x']) },
    ),
  })).value;
