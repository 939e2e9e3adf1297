import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { selectRows } from '../database/sql.util.js';
import type { OutboxBatch } from './outbox-message.types.js';

export type {
  OutboxBatch,
  OutboxChannel,
  OutboxEmail,
  OutboxMessage,
  OutboxSms,
  OutboxWebhook,
} from './outbox-message.types.js';

/** Writes effects into the outbox inside the step's transaction. */
@Injectable()
export class OutboxRepository {
  /**
   * One row per message, on any channel; the first uses the step's key, further ones
   * `${key}.2`, `${key}.3` ... A row that already exists is left alone (ON CONFLICT DO
   * NOTHING), so a replayed step adds nothing. Returns the ids of the new rows.
   */
  async insertMessages(em: EntityManager, batch: OutboxBatch): Promise<string[]> {
    if (batch.messages.length === 0) return [];
    const rows = await selectRows<{ id: string }>(
      em,
      `INSERT INTO outbox (workspace_id, enrollment_id, node_id, customer_id, idempotency_key, channel, payload, transactional)
       SELECT $1, $2, $3, $4::bigint, m.key, m.channel, m.payload, m.transactional
         FROM unnest($5::text[], $6::text[], $7::jsonb[], $8::boolean[])
              AS m(key, channel, payload, transactional)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id`,
      [
        batch.workspaceId,
        batch.enrollmentId,
        batch.nodeId,
        batch.customerId,
        batch.messages.map((_, i) => messageKey(batch.idempotencyKey, i)),
        batch.messages.map((m) => m.channel),
        batch.messages.map((m) => JSON.stringify(m.payload)),
        batch.messages.map((m) => m.transactional),
      ],
    );
    return rows.map((r) => r.id);
  }
}

/** The idempotency key of the step's i-th message (0-based). */
export function messageKey(stepKey: string, index: number): string {
  return index === 0 ? stepKey : `${stepKey}.${index + 1}`;
}
