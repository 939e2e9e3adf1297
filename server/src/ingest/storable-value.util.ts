import type { BatchItem } from '@switchyard/contracts';

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
 * Walks a JSON value: strings, keys and depth are what text and jsonb columns refuse.
 * Runs for every stored message, so the path is only built (inside out) once an issue
 * is found: nothing is allocated for a clean value.
 */
function jsonIssue(value: unknown, depth: number): StorageIssue | null {
  if (typeof value === 'string') {
    const message = stringIssue(value);
    return message ? { path: [], message } : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (depth > MAX_DEPTH)
    return { path: [], message: `must not nest deeper than ${MAX_DEPTH} levels` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = jsonIssue(value[i], depth + 1);
      if (found) {
        found.path.unshift(i);
        return found;
      }
    }
    return null;
  }
  for (const key in value) {
    const keyMessage = stringIssue(key);
    if (keyMessage) return { path: [key], message: `name ${keyMessage}` };
    const found = jsonIssue((value as Record<string, unknown>)[key], depth + 1);
    if (found) {
      found.path.unshift(key);
      return found;
    }
  }
  return null;
}

function at(field: string, value: unknown): StorageIssue | null {
  const found = jsonIssue(value, 0);
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
 * lone surrogates, absurd nesting, dates outside Postgres' range), or null. Only stored
 * fields are checked.
 */
export function storageIssue(message: BatchItem): StorageIssue | null {
  const payload = message.type === 'track' ? message.properties : message.traits;
  const payloadField = message.type === 'track' ? 'properties' : 'traits';
  return (
    at('userId', message.userId) ??
    at('anonymousId', message.anonymousId) ??
    at('messageId', message.messageId) ??
    (message.type === 'track' ? at('event', message.event) : null) ??
    at(payloadField, payload) ??
    timeIssue(message.timestamp, 'timestamp') ??
    timeIssue(message.originalTimestamp, 'originalTimestamp')
  );
}
