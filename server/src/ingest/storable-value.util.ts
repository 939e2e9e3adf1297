import { type BatchItem, INGEST_PAYLOAD_MAX_BYTES } from '@switchyard/contracts';

/** A value Postgres would refuse, found after the contract schema accepted the message. */
export interface StorageIssue {
  path: PropertyKey[];
  message: string;
}

const MAX_DEPTH = 64;
/** Any NUL or surrogate: only strings that have one need a closer look. */
// eslint-disable-next-line no-control-regex -- NUL is what Postgres refuses in text
const SUSPECT = /[\u0000\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MIN_TIME = Date.UTC(1, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function stringIssue(value: string): string | null {
  if (!SUSPECT.test(value)) return null;
  if (value.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (lone surrogate)';
  return null;
}

/**
 * The length of a number as jsonb writes it out. JSON.stringify writes 5e-324, but
 * Postgres keeps the exact decimal and prints all 326 characters of it, so a 1 MB body
 * of tiny or huge numbers would be tens of megabytes on every read.
 */
export function storedNumberLength(value: number): number {
  if (!Number.isFinite(value)) return 4; // written as null
  const abs = Math.abs(value);
  if (abs === 0 || (abs >= 1e-6 && abs < 1e21)) return String(value).length;
  const text = value.toExponential(); // d.ddde±x, the digits JSON.stringify writes
  const e = text.indexOf('e');
  const sign = value < 0 ? 1 : 0;
  const digits = e - sign - (text.charCodeAt(sign + 1) === 46 ? 1 : 0); // 46: '.'
  const exponent = Number(text.slice(e + 1));
  // 1e+21 is 1 and 21 zeros; 1.5e-7 is "0." and 6 zeros before its 2 digits.
  return sign + (exponent >= 0 ? exponent + 1 : 1 + digits - exponent);
}

/** What is left of a payload's size limit as the walk goes (bytes as stored). */
interface Budget {
  left: number;
}

const TOO_LARGE: StorageIssue = {
  path: [],
  message: `must be at most ${INGEST_PAYLOAD_MAX_BYTES / 1024} KB as stored (Postgres writes every number out in full: 1e-300 takes 302 characters)`,
};

/**
 * Walks a JSON value: strings, keys and depth are what text and jsonb columns refuse,
 * and with a budget, the size it takes as stored. Runs for every stored message, so the
 * path is only built (inside out) once an issue is found: nothing is allocated for a
 * clean value.
 */
function jsonIssue(value: unknown, depth: number, budget: Budget | null): StorageIssue | null {
  if (typeof value === 'string') {
    if (budget && (budget.left -= Buffer.byteLength(value) + 2) < 0) return TOO_LARGE;
    const message = stringIssue(value);
    return message ? { path: [], message } : null;
  }
  if (typeof value !== 'object' || value === null) {
    if (budget)
      budget.left -= typeof value === 'number' ? storedNumberLength(value) : value ? 4 : 5;
    return budget && budget.left < 0 ? TOO_LARGE : null;
  }
  if (depth > MAX_DEPTH)
    return { path: [], message: `must not nest deeper than ${MAX_DEPTH} levels` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (budget) budget.left -= 2; // separator
      const found = jsonIssue(value[i], depth + 1, budget);
      if (found === TOO_LARGE) return found;
      if (found) {
        found.path.unshift(i);
        return found;
      }
    }
    return null;
  }
  for (const key in value) {
    if (budget && (budget.left -= Buffer.byteLength(key) + 6) < 0) return TOO_LARGE;
    const keyMessage = stringIssue(key);
    if (keyMessage) return { path: [key], message: `name ${keyMessage}` };
    const found = jsonIssue((value as Record<string, unknown>)[key], depth + 1, budget);
    if (found === TOO_LARGE) return found;
    if (found) {
      found.path.unshift(key);
      return found;
    }
  }
  return null;
}

/** The first issue of `value`, its path from `field`; `maxBytes` bounds its stored size. */
function at(field: string, value: unknown, maxBytes?: number): StorageIssue | null {
  const found = jsonIssue(value, 0, maxBytes === undefined ? null : { left: maxBytes });
  if (found === TOO_LARGE) return { path: [field], message: TOO_LARGE.message };
  if (found) found.path.unshift(field);
  return found;
}

function timeIssue(value: string | undefined, field: string): StorageIssue | null {
  if (value === undefined) return null;
  // An ISO date-time of years 2-9998 is in range whatever its offset; only the edges
  // (and anything else) need parsing.
  const year = Number(value.slice(0, 4));
  if (value.charCodeAt(4) === 45 && year >= 2 && year <= 9998) return null;
  const time = Date.parse(value);
  return time >= MIN_TIME && time <= MAX_TIME
    ? null
    : { path: [field], message: 'must be between years 1 and 9999' };
}

/**
 * The first value of a validated message that Postgres could not store (NUL characters,
 * lone surrogates, absurd nesting, dates outside Postgres' range) or a payload larger than
 * INGEST_PAYLOAD_MAX_BYTES as stored, or null. Only stored fields are checked.
 */
export function storageIssue(message: BatchItem): StorageIssue | null {
  const payload = message.type === 'track' ? message.properties : message.traits;
  const payloadField = message.type === 'track' ? 'properties' : 'traits';
  return (
    at('userId', message.userId) ??
    at('anonymousId', message.anonymousId) ??
    at('messageId', message.messageId) ??
    (message.type === 'track' ? at('event', message.event) : null) ??
    at(payloadField, payload, INGEST_PAYLOAD_MAX_BYTES) ??
    timeIssue(message.timestamp, 'timestamp') ??
    timeIssue(message.originalTimestamp, 'originalTimestamp')
  );
}
