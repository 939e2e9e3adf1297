import { INGEST_BATCH_MAX_MESSAGES } from '@switchyard/contracts';
import { z } from 'zod';

/**
 * The hot path's validation: a single pass over a parsed body that answers true only
 * when the contract schemas (segment-spec.schema.ts) would accept it unchanged. It
 * allocates nothing, where a zod parse copies every message. Anything it is not sure
 * of answers false and goes to zod, which then decides and names the field, so the
 * accepted language and every 400 stay exactly the contract's (the spec compares both
 * on random messages).
 */

/** The very pattern of `z.iso.datetime({ offset: true })`. */
const ISO_DATE_TIME = z.core.regexes.datetime({ offset: true });

type Kind = 'identify' | 'track' | 'page' | 'screen' | 'group' | 'alias';

function isText(value: unknown, min: number, max: number): boolean {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

/** A JSON object as z.record accepts it; `__proto__` keys are left to zod. */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !Object.hasOwn(value, '__proto__');
}

/** Traits and properties: keys of at most 200 characters. */
function isPayload(value: unknown): boolean {
  if (!isRecord(value)) return false;
  for (const key in value) if (key.length > 200) return false;
  return true;
}

/** Fields every Segment message may carry: true/false, or undefined when not one of them. */
function commonField(key: string, value: unknown): boolean | undefined {
  switch (key) {
    case 'userId':
      return typeof value === 'string'
        ? value.length >= 1 && value.length <= 255
        : typeof value === 'number' && Number.isSafeInteger(value);
    case 'anonymousId':
    case 'messageId':
      return isText(value, 1, 255);
    case 'timestamp':
    case 'originalTimestamp':
    case 'sentAt':
    case 'receivedAt':
      return typeof value === 'string' && ISO_DATE_TIME.test(value);
    case 'context':
    case 'integrations':
    case '_metadata':
      return isRecord(value);
    case 'writeKey':
    case 'channel':
      return typeof value === 'string';
    case 'version':
      return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
    default:
      return undefined;
  }
}

/** A field of one message kind (besides `type` and the common ones). */
function kindField(kind: Kind, key: string, value: unknown): boolean {
  switch (kind) {
    case 'identify':
      return key === 'traits' && isPayload(value);
    case 'track':
      if (key === 'event') return isText(value, 1, 200);
      return key === 'properties' && isPayload(value);
    case 'page':
    case 'screen':
    case 'group':
    case 'alias':
      switch (key) {
        case 'name':
        case 'category':
          return isText(value, 0, 500);
        case 'properties':
        case 'traits':
          return isPayload(value);
        case 'groupId':
        case 'previousId':
          return isText(value, 0, 255) || (typeof value === 'number' && Number.isFinite(value));
        default:
          return false;
      }
    default: {
      const never: never = kind;
      throw new Error(`unknown message kind ${String(never)}`);
    }
  }
}

function kindOf(type: unknown): Kind | null {
  switch (type) {
    case 'identify':
    case 'track':
    case 'page':
    case 'screen':
    case 'group':
    case 'alias':
      return type;
    default:
      return null;
  }
}

/**
 * One message of kind `kind`; `type` must equal it, or may be missing when
 * `typeOptional` (the single-message routes /v1/track and /v1/identify).
 */
function isMessage(value: unknown, kind: Kind, typeOptional: boolean): boolean {
  if (!isRecord(value)) return false;
  let identified = false;
  let hasEvent = false;
  let typed = false;
  for (const key in value) {
    const field = value[key];
    if (key === 'type') {
      if (field !== kind) return false;
      typed = true;
      continue;
    }
    const common = commonField(key, field);
    if (common === false) return false;
    if (common === true) {
      if (key === 'userId' || key === 'anonymousId') identified = true;
      continue;
    }
    if (!kindField(kind, key, field)) return false;
    if (key === 'event') hasEvent = true;
  }
  if (!typed && !typeOptional) return false;
  switch (kind) {
    case 'identify':
      return identified;
    case 'track':
      return identified && hasEvent;
    default:
      return true;
  }
}

/** `/v1/track` and `/v1/identify` bodies. */
export function isCertainlyValidMessage(value: unknown, kind: 'identify' | 'track'): boolean {
  return isMessage(value, kind, true);
}

/** A stored message (identify or track, `type` given): one line of an import. */
export function isCertainlyValidItem(value: unknown): boolean {
  const type = (value as { type?: unknown } | null)?.type;
  return (type === 'identify' || type === 'track') && isMessage(value, type, false);
}

/** `/v1/batch` bodies. */
export function isCertainlyValidBatch(value: unknown): boolean {
  if (!isRecord(value)) return false;
  let hasBatch = false;
  for (const key in value) {
    const field = value[key];
    switch (key) {
      case 'batch': {
        if (!Array.isArray(field)) return false;
        if (field.length < 1 || field.length > INGEST_BATCH_MAX_MESSAGES) return false;
        for (const message of field) {
          const kind = kindOf((message as { type?: unknown } | null)?.type);
          if (kind === null || !isMessage(message, kind, false)) return false;
        }
        hasBatch = true;
        break;
      }
      case 'sentAt':
        if (typeof field !== 'string' || !ISO_DATE_TIME.test(field)) return false;
        break;
      case 'context':
      case 'integrations':
      case '_metadata':
        if (!isRecord(field)) return false;
        break;
      case 'writeKey':
        if (typeof field !== 'string') return false;
        break;
      default:
        return false;
    }
  }
  return hasBatch;
}
