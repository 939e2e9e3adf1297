import fc from 'fast-check';
import { hostileKey, hostileString, hostileValue, nastyStrings } from './hostile.arbitrary.js';
import { manyMutations, nearValid } from './mutate.arbitrary.js';
import { describeValue, isRaw, toJsonText } from './raw-json.js';

/**
 * One fuzzed HTTP request and the pieces it is built from: path ids, query strings,
 * bodies (valid, near-valid, broken, hostile, non-JSON), content types and credentials.
 */
export class FuzzRequest {
  constructor(
    /** The route of the route table, `POST /api/segments` (or `unrouted`). */
    readonly route: string,
    readonly method: string,
    /** Path and query, already percent-encoded. */
    readonly path: string,
    readonly headers: Record<string, string>,
    readonly body: Buffer | undefined,
    /** What the body is: valid, near-valid, broken, hostile, raw, ndjson, none. */
    readonly bodyKind: string,
    /** A short rendering of the body for reports. */
    readonly bodyPreview: string,
  ) {}

  toString(): string {
    const contentType = this.headers['Content-Type'];
    const auth = this.headers['Authorization']?.split(' ')[0] ?? 'none';
    const path =
      this.path.length > 300 ? `${this.path.slice(0, 300)}…(${this.path.length} chars)` : this.path;
    return [
      `[${this.route}] ${this.method} ${path}`,
      `  auth: ${auth}; content-type: ${contentType ?? '(none)'}; body (${this.bodyKind}, ${this.body?.length ?? 0} bytes): ${this.bodyPreview}`,
    ].join('\n');
  }

  [fc.toStringMethod](): string {
    return this.toString();
  }
}

/** Percent-encodes any string, lone surrogates included (as U+FFFD, what UTF-8 makes of them). */
export function encodeComponent(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(ch)
      ? ch
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Path pieces that are not valid percent-encoding or that mean something to routers. */
const rawSegments = [
  '%',
  '%zz',
  '%ED%A0%80',
  '%FF',
  '%C0%AF',
  '%00',
  '..',
  '.',
  '%2e%2e',
  '%2F',
  'a%2Fb',
  '%20',
  '+',
  ';',
  ':id',
  '*',
];

/** A path parameter: a real id of the right kind mostly, otherwise anything. */
export function pathSegment(
  pool: readonly string[],
  allIds: readonly string[],
): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: pool.length > 0 ? 10 : 0,
      arbitrary: fc.constantFrom(...(pool.length ? pool : ['x'])).map(encodeComponent),
    },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: allIds.length > 0 ? 1 : 0,
      arbitrary: fc.constantFrom(...(allIds.length ? allIds : ['x'])),
    },
    { weight: 2, arbitrary: hostileString.filter((s) => s.length < 5_000).map(encodeComponent) },
    { weight: 1, arbitrary: fc.constantFrom(...rawSegments) },
  );
}

type QueryPair = [string, string | null];

/** At most this many pairs (a list of 200,000 is sent as a 7 MB URL otherwise). */
const MAX_QUERY_PAIRS = 300;
const MAX_QUERY_LENGTH = 32 * 1024;

/** Writes a value the way query strings carry it: lists as repeated keys, objects as k[sub]. */
function queryPairs(key: string, value: unknown, depth = 0): QueryPair[] {
  if (value === undefined) return [];
  if (value === null) return [[key, null]];
  if (isRaw(value)) return [[key, value.text]];
  if (typeof value === 'object' && depth > 3) return [[key, '[object]']];
  if (Array.isArray(value))
    return value.slice(0, MAX_QUERY_PAIRS).flatMap((v) => queryPairs(key, v, depth + 1));
  if (typeof value === 'object') {
    return Object.keys(value).flatMap((k) =>
      queryPairs(`${key}[${k}]`, (value as Record<string, unknown>)[k], depth + 1),
    );
  }
  if (typeof value === 'string' && value.length > 5_000) return [[key, value.slice(0, 5_000)]];
  return [[key, String(value)]];
}

const queryText = (pairs: QueryPair[], suffix: string): string => {
  const text = pairs
    .slice(0, MAX_QUERY_PAIRS)
    .map(([k, v]) =>
      v === null ? encodeComponent(k) : `${encodeComponent(k)}=${encodeComponent(v)}`,
    )
    .join('&');
  // Beyond 16 KB of headers Node answers 431; far beyond, the connection closes while the
  // request is still being written and the answer is lost: 32 KB shows the 431.
  const all = (text + suffix).slice(0, MAX_QUERY_LENGTH);
  return all.length > 0 ? `?${all}` : '';
};

const rawQuerySuffixes = [
  '',
  '',
  '',
  '',
  '&',
  '&=',
  '&&',
  '&%',
  '&a=%zz',
  '&__proto__[polluted]=1',
  '&constructor[prototype][polluted]=1',
  '&a[]=1&a[]=2',
  '&from=2024-01-01&from=2024-01-02',
  '&limit=1&limit=2',
];

/** A query string: from the route's query schema (valid or one value wrong) or junk. */
export function queryString(
  valid: fc.Arbitrary<unknown> | undefined,
  keys: readonly string[],
): fc.Arbitrary<string> {
  const toPairs = (value: unknown): QueryPair[] =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.keys(value).flatMap((k) => queryPairs(k, (value as Record<string, unknown>)[k]))
      : [];
  const pairs = fc.oneof(
    { weight: valid ? 6 : 0, arbitrary: (valid ?? fc.constant({})).map(toPairs) },
    { weight: valid ? 3 : 0, arbitrary: nearValid(valid ?? fc.constant({}), keys).map(toPairs) },
    {
      weight: 2,
      arbitrary: fc
        .array(
          fc.tuple(
            hostileKey(keys),
            hostileString.filter((s) => s.length < 5_000),
          ),
          { maxLength: 4 },
        )
        .map((entries) => entries.map(([k, v]): QueryPair => [k, v])),
    },
    { weight: valid ? 1 : 6, arbitrary: fc.constant([] as QueryPair[]) },
  );
  return fc
    .tuple(pairs, fc.constantFrom(...rawQuerySuffixes))
    .map(([p, suffix]) => queryText(p, suffix));
}

/** A body: bytes, the content type it claims, what it is and how to show it. */
export interface FuzzBody {
  bytes: Buffer | undefined;
  contentType: string | undefined;
  kind: string;
  preview: string;
}

const jsonBody =
  (kind: string) =>
  (value: unknown): FuzzBody =>
    value === undefined
      ? { bytes: undefined, contentType: undefined, kind: `${kind} (absent)`, preview: '' }
      : {
          bytes: Buffer.from(toJsonText(value), 'utf8'),
          contentType: 'application/json',
          kind,
          preview: describeValue(value),
        };

const OVER_BODY_LIMIT = 11 * 1024 * 1024;

/** Bodies that are not JSON, not an object, or too much of it. */
const rawBodyTexts: readonly string[] = [
  '',
  ' ',
  'null',
  'true',
  '0',
  '"text"',
  '[]',
  '[{}]',
  '{',
  '{"a":',
  '}{',
  'not json',
  '{"a":1}garbage',
  '\uFEFF{}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":1,"a":2}',
  '\u0000',
  '{"name":"\\u0000"}',
  '{"name":"\\ud800"}',
  '1e309',
  '-0',
  '{"x":1e309}',
  `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
  `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`,
];

const rawBody: fc.Arbitrary<FuzzBody> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.constantFrom(...rawBodyTexts).map((text) => ({
      bytes: Buffer.from(text, 'utf8'),
      contentType: 'application/json',
      kind: 'raw',
      preview: describeValue(text),
    })),
  },
  {
    weight: 1,
    arbitrary: fc.constant(null).map(() => ({
      bytes: Buffer.alloc(OVER_BODY_LIMIT, 0x20),
      contentType: 'application/json',
      kind: 'over the body limit',
      preview: `${OVER_BODY_LIMIT} spaces`,
    })),
  },
  {
    weight: 2,
    arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({
      bytes: Buffer.from(bytes),
      contentType: 'application/json',
      kind: 'random bytes',
      preview: Buffer.from(bytes).toString('hex'),
    })),
  },
);

/** Bodies for a route with a zod body schema. */
export function schemaBody(
  valid: fc.Arbitrary<unknown>,
  keys: readonly string[],
): fc.Arbitrary<FuzzBody> {
  return fc.oneof(
    { weight: 6, arbitrary: valid.map(jsonBody('valid')) },
    { weight: 5, arbitrary: nearValid(valid, keys).map(jsonBody('near-valid')) },
    { weight: 2, arbitrary: manyMutations(valid, keys).map(jsonBody('broken')) },
    { weight: 2, arbitrary: hostileValue(keys).map(jsonBody('hostile')) },
    { weight: 2, arbitrary: rawBody },
  );
}

/** Bodies for a POST/PUT/PATCH route that takes none (actions like publish). */
export const noSchemaBody: fc.Arbitrary<FuzzBody> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(jsonBody('none')(undefined)) },
  { weight: 2, arbitrary: fc.constant(jsonBody('empty object')({})) },
  { weight: 2, arbitrary: hostileValue().map(jsonBody('hostile')) },
  { weight: 2, arbitrary: rawBody },
);

/** GET and DELETE: no body mostly; sometimes one anyway. */
export const bodyOnRead: fc.Arbitrary<FuzzBody> = fc.oneof(
  { weight: 9, arbitrary: fc.constant(jsonBody('none')(undefined)) },
  { weight: 1, arbitrary: hostileValue().map(jsonBody('hostile')) },
);

/** NDJSON bodies for /api/imports: valid lines, near-valid ones, junk lines, odd separators. */
export function ndjsonBody(
  validLine: fc.Arbitrary<unknown>,
  keys: readonly string[],
  contentTypes: readonly string[],
): fc.Arbitrary<FuzzBody> {
  const line = fc.oneof(
    { weight: 6, arbitrary: validLine.map(toJsonText) },
    {
      weight: 3,
      arbitrary: nearValid(validLine, keys).map((v) => (v === undefined ? '' : toJsonText(v))),
    },
    {
      weight: 1,
      arbitrary: hostileValue(keys)
        .map(toJsonText)
        .filter((t) => t.length < 2_000_000),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...rawBodyTexts.slice(0, 22), ...nastyStrings.slice(0, 12)),
    },
  );
  return fc
    .tuple(
      fc.array(line, { minLength: 0, maxLength: 8 }),
      fc.constantFrom('\n', '\r\n', '\n\n'),
      fc.boolean(),
      fc.constantFrom(
        ...contentTypes,
        ...contentTypes,
        'application/json',
        'text/csv',
        'application/octet-stream',
      ),
    )
    .map(([lines, separator, trailing, contentType]) => {
      const text = lines.join(separator) + (trailing ? separator : '');
      return {
        bytes: Buffer.from(text, 'utf8'),
        contentType,
        kind: `ndjson (${lines.length} lines)`,
        preview: describeValue(text),
      };
    });
}

/** Content types other than the body's own, sometimes. */
export const contentTypeOverride: fc.Arbitrary<string | null | undefined> = fc.oneof(
  { weight: 24, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      null,
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'APPLICATION/JSON',
      'application/json;',
      'application/vnd.api+json',
      'text/plain',
      'text/csv',
      'application/x-ndjson',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/octet-stream',
      '*/*',
      ';;;',
    ),
  },
);

/** Credentials: the workspace's key mostly; Basic, none, wrong and malformed sometimes. */
export function authorization(apiKey: string): fc.Arbitrary<string | undefined> {
  const basic = (user: string) => `Basic ${Buffer.from(user).toString('base64')}`;
  return fc.oneof(
    { weight: 40, arbitrary: fc.constant(`Bearer ${apiKey}`) },
    { weight: 3, arbitrary: fc.constant(basic(`${apiKey}:`)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        undefined,
        'Bearer',
        'Bearer ',
        'Bearer sk_wrong_wrong_wrong_wrong',
        `bearer ${apiKey}`,
        `Bearer ${apiKey} extra`,
        `Bearer ${apiKey}${apiKey}`,
        `Bearer ${'x'.repeat(10_000)}`,
        'Basic',
        'Basic !!!',
        basic(':'),
        basic(`:${apiKey}`),
        basic('wrong:password'),
        'Token abc',
      ),
    },
  );
}
