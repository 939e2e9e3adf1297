import { type BatchItem, normalizeMessage } from '@switchyard/contracts';

/** Event name stored for identify calls (their traits become the event's properties). */
export const IDENTIFY_EVENT_NAME = '$identify';

/** One message as the customers and events tables take it. */
export interface StoredMessage {
  /** Order within the request or file (line number for imports); later wins for traits. */
  position: number;
  type: 'identify' | 'track';
  externalId: string;
  messageId: string | null;
  name: string;
  payload: Record<string, unknown>;
  timestamp: Date;
}

/** `timestamp` (or `originalTimestamp`) is honoured so history can be imported. */
export function toStoredMessage(
  item: BatchItem,
  position: number,
  receivedAt: Date,
): StoredMessage {
  const normalized = normalizeMessage(item.type, item, receivedAt);
  return {
    position,
    type: normalized.type,
    externalId: normalized.externalId,
    messageId: normalized.messageId,
    name: normalized.event ?? IDENTIFY_EVENT_NAME,
    payload: normalized.payload,
    timestamp: normalized.timestamp,
  };
}
