import { z } from 'zod';

/**
 * Bodies of Segment's HTTP Tracking API, so Segment and RudderStack SDKs can point at
 * Switchyard unchanged. Fields Segment defines are accepted (and mostly ignored);
 * anything else is refused, naming the field.
 */
export const INGEST_BATCH_MAX_MESSAGES = 2500;
/**
 * Largest traits or properties of one message, as stored (Segment's limit for a message):
 * Postgres writes numbers out in full, so 1e-300 counts 302 characters, not 6.
 */
export const INGEST_PAYLOAD_MAX_BYTES = 32 * 1024;
/**
 * Largest traits of one customer, as stored: identify messages (and journeys' attribute
 * updates) merge into them, so without a bound they would grow with every new trait name.
 * A write that would pass it is refused, naming the customer; nothing of it is stored.
 */
export const CUSTOMER_TRAITS_MAX_BYTES = 256 * 1024;

const timestamp = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' });
const traitsSchema = z.record(z.string().max(200), z.unknown());

const common = {
  userId: z.union([z.string().min(1).max(255), z.number().int()]).optional(),
  anonymousId: z.string().min(1).max(255).optional(),
  messageId: z.string().min(1).max(255).optional(),
  timestamp: timestamp.optional(),
  originalTimestamp: timestamp.optional(),
  sentAt: timestamp.optional(),
  receivedAt: timestamp.optional(),
  context: z.record(z.string(), z.unknown()).optional(),
  integrations: z.record(z.string(), z.unknown()).optional(),
  _metadata: z.record(z.string(), z.unknown()).optional(),
  writeKey: z.string().optional(),
  channel: z.string().optional(),
  version: z.union([z.string(), z.number()]).optional(),
};

function requireIdentity(msg: { userId?: unknown; anonymousId?: unknown }, ctx: z.RefinementCtx) {
  if (msg.userId === undefined && msg.anonymousId === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['userId'],
      message: 'userId or anonymousId is required',
    });
}

export const identifyMessageSchema = z
  .strictObject({
    type: z.literal('identify').optional(),
    ...common,
    traits: traitsSchema.optional(),
  })
  .superRefine(requireIdentity);

export const trackMessageSchema = z
  .strictObject({
    type: z.literal('track').optional(),
    ...common,
    event: z.string().min(1, 'must not be empty').max(200),
    properties: traitsSchema.optional(),
  })
  .superRefine(requireIdentity);

export type IdentifyMessage = z.infer<typeof identifyMessageSchema>;
export type TrackMessage = z.infer<typeof trackMessageSchema>;

export const batchItemSchema = z.discriminatedUnion('type', [
  identifyMessageSchema.safeExtend({ type: z.literal('identify') }),
  trackMessageSchema.safeExtend({ type: z.literal('track') }),
]);
export type BatchItem = z.infer<typeof batchItemSchema>;

/**
 * Segment message types Switchyard accepts in a batch but does not store (yet): an SDK
 * batch mixing them with track/identify must not be refused whole.
 */
const acknowledgedOnly = (type: 'page' | 'screen' | 'group' | 'alias') =>
  z.strictObject({
    type: z.literal(type),
    ...common,
    name: z.string().max(500).optional(),
    category: z.string().max(500).optional(),
    properties: traitsSchema.optional(),
    traits: traitsSchema.optional(),
    groupId: z.union([z.string().max(255), z.number()]).optional(),
    previousId: z.union([z.string().max(255), z.number()]).optional(),
  });

export const batchMessageSchema = z.discriminatedUnion('type', [
  identifyMessageSchema.safeExtend({ type: z.literal('identify') }),
  trackMessageSchema.safeExtend({ type: z.literal('track') }),
  acknowledgedOnly('page'),
  acknowledgedOnly('screen'),
  acknowledgedOnly('group'),
  acknowledgedOnly('alias'),
]);
export type BatchMessage = z.infer<typeof batchMessageSchema>;

/** The messages Switchyard stores: identify and track. */
export function isStoredMessage(message: BatchMessage): message is BatchItem {
  return message.type === 'identify' || message.type === 'track';
}

export const batchBodySchema = z.strictObject({
  batch: z
    .array(batchMessageSchema)
    .min(1, 'must hold at least one message')
    .max(INGEST_BATCH_MAX_MESSAGES, `must hold at most ${INGEST_BATCH_MAX_MESSAGES} messages`),
  sentAt: timestamp.optional(),
  context: z.record(z.string(), z.unknown()).optional(),
  integrations: z.record(z.string(), z.unknown()).optional(),
  writeKey: z.string().optional(),
  _metadata: z.record(z.string(), z.unknown()).optional(),
});
export type BatchBody = z.infer<typeof batchBodySchema>;

/** A message reduced to what Switchyard stores. */
export interface NormalizedMessage {
  type: 'identify' | 'track';
  externalId: string;
  messageId: string | null;
  event: string | null;
  payload: Record<string, unknown>;
  timestamp: Date;
}

export function normalizeMessage(
  type: 'identify' | 'track',
  msg: IdentifyMessage | TrackMessage,
  receivedAt: Date,
): NormalizedMessage {
  const externalId = String(msg.userId ?? msg.anonymousId);
  const at = msg.timestamp ?? msg.originalTimestamp;
  return {
    type,
    externalId,
    messageId: msg.messageId ?? null,
    event: 'event' in msg ? msg.event : null,
    payload: ('event' in msg ? msg.properties : (msg as IdentifyMessage).traits) ?? {},
    timestamp: at ? new Date(at) : receivedAt,
  };
}
