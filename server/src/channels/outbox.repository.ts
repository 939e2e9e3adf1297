import { randomUUID } from 'node:crypto';
import { type SqlParams, unnestArgs } from '../segments/compiler/sql-params.js';
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
 * The INSERT of outbox rows, inside the step's transaction, returning the ids inserted. A
 * row whose key already exists is left alone (ON CONFLICT DO NOTHING), so a replayed step
 * adds nothing. Its values are bound in `params`, so it can end a larger statement.
 */
export function outboxInsertSql(params: SqlParams, rows: readonly OutboxRowWrite[]): string {
  const args = unnestArgs(params, rows, [
    ['uuid', (r) => r.id],
    ['uuid', (r) => r.workspaceId],
    ['uuid', (r) => r.enrollmentId],
    ['text', (r) => r.nodeId],
    ['bigint', (r) => r.customerId],
    ['text', (r) => r.idempotencyKey],
    ['text', (r) => r.message.channel],
    ['jsonb', (r) => JSON.stringify(r.message.payload)],
    ['boolean', (r) => r.message.transactional],
  ]);
  return `INSERT INTO outbox (id, workspace_id, enrollment_id, node_id, customer_id, idempotency_key, channel, payload, transactional)
     SELECT m.id, m.workspace_id, m.enrollment_id, m.node_id, m.customer_id, m.key, m.channel, m.payload, m.transactional
       FROM unnest(${args})
            AS m(id, workspace_id, enrollment_id, node_id, customer_id, key, channel, payload, transactional)
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING id`;
}

/** The idempotency key of the step's i-th message (0-based). */
export function messageKey(stepKey: string, index: number): string {
  return index === 0 ? stepKey : `${stepKey}.${index + 1}`;
}
