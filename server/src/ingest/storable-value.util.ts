import type { BatchItem } from '@switchyard/contracts';

/** A value Postgres would refuse, found after the contract schema accepted the message. */
export interface StorageIssue {
  path: PropertyKey[];
  message: string;
}

const MAX_DEPTH = 64;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MIN_TIME = Date.UTC(1, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function stringIssue(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (lone surrogate)';
  return null;
}

/** Walks a JSON value: strings, keys and depth are what text and jsonb columns refuse. */
function jsonIssue(value: unknown, path: PropertyKey[], depth: number): StorageIssue | null {
  if (typeof value === 'string') {
    const message = stringIssue(value);
    return message ? { path, message } : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (depth > MAX_DEPTH) return { path, message: `must not nest deeper than ${MAX_DEPTH} levels` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = jsonIssue(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    const keyMessage = stringIssue(key);
    if (keyMessage) return { path: [...path, key], message: `name ${keyMessage}` };
    const found = jsonIssue(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

function timeIssue(value: string | undefined, field: string): StorageIssue | null {
  if (value === undefined) return null;
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
    jsonIssue(message.userId, ['userId'], 0) ??
    jsonIssue(message.anonymousId, ['anonymousId'], 0) ??
    jsonIssue(message.messageId, ['messageId'], 0) ??
    (message.type === 'track' ? jsonIssue(message.event, ['event'], 0) : null) ??
    jsonIssue(payload, [payloadField], 0) ??
    timeIssue(message.timestamp, 'timestamp') ??
    timeIssue(message.originalTimestamp, 'originalTimestamp')
  );
}
