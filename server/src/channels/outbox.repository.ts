import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { selectRows } from '../database/sql.util.js';
import type { OutboxBatch, OutboxMessage } from './outbox-message.types.js';

export type {
  OutboxBatch,
  OutboxChannel,
  OutboxEmail,
  OutboxMessage,
  OutboxSms,
  OutboxWebhook,
} from './outbox-message.types.js';

/** One outbox row to insert, its id chosen before the insert (so callers can buffer). */
export interface OutboxRowWrite {
  id: string;
  workspaceId: string;
  enrollmentId: string;
  nodeId: string;
  customerId: string | null;
  idempotencyKey: string;
  message: OutboxMessage;
}

/**
 * The rows of a step's messages, on any channel; the first uses the step's key, further
 * ones `${key}.2`, `${key}.3` ...
 */
export function outboxRows(batch: OutboxBatch): OutboxRowWrite[] {
  return batch.messages.map((message, i) => ({
    id: randomUUID(),
    workspaceId: batch.workspaceId,
    enrollmentId: batch.enrollmentId,
    nodeId: batch.nodeId,
    customerId: batch.customerId,
    idempotencyKey: messageKey(batch.idempotencyKey, i),
    message,
  }));
}

/**
 * Inserts outbox rows in one statement, inside the step's transaction. A row whose key
 * already exists is left alone (ON CONFLICT DO NOTHING), so a replayed step adds nothing.
 * Returns the ids of the rows inserted.
 */
export async function insertOutboxRows(
  em: EntityManager,
  rows: readonly OutboxRowWrite[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await selectRows<{ id: string }>(
    em,
    `INSERT INTO outbox (id, workspace_id, enrollment_id, node_id, customer_id, idempotency_key, channel, payload, transactional)
     SELECT m.id, m.workspace_id, m.enrollment_id, m.node_id, m.customer_id, m.key, m.channel, m.payload, m.transactional
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::jsonb[], $9::boolean[])
            AS m(id, workspace_id, enrollment_id, node_id, customer_id, key, channel, payload, transactional)
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING id`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.workspaceId),
      rows.map((r) => r.enrollmentId),
      rows.map((r) => r.nodeId),
      rows.map((r) => r.customerId),
      rows.map((r) => r.idempotencyKey),
      rows.map((r) => r.message.channel),
      rows.map((r) => JSON.stringify(r.message.payload)),
      rows.map((r) => r.message.transactional),
    ],
  );
  return new Set(inserted.map((r) => r.id));
}

/** The idempotency key of the step's i-th message (0-based). */
export function messageKey(stepKey: string, index: number): string {
  return index === 0 ? stepKey : `${stepKey}.${index + 1}`;
}
