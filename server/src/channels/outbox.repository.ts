import { Injectable } from '@nestjs/common';
import type { EmailMessage } from '@switchyard/sdk';
import type { EntityManager } from 'typeorm';
import { selectRows } from '../database/sql.util.js';

export interface OutboxEmail extends EmailMessage {
  from: string;
}

export interface OutboxEmailBatch {
  workspaceId: string;
  enrollmentId: string;
  nodeId: string;
  /** `${enrollmentId}.${nodeId}`: the step's idempotency key. */
  idempotencyKey: string;
  emails: readonly OutboxEmail[];
}

/** Writes effects into the outbox inside the step's transaction. */
@Injectable()
export class OutboxRepository {
  /**
   * One row per email; the first uses the step's key, further ones `${key}.2`, ... A row
   * that already exists is left alone (ON CONFLICT DO NOTHING). Returns new row ids.
   */
  async insertEmails(em: EntityManager, batch: OutboxEmailBatch): Promise<string[]> {
    if (batch.emails.length === 0) return [];
    const keys = batch.emails.map((_, i) =>
      i === 0 ? batch.idempotencyKey : `${batch.idempotencyKey}.${i + 1}`,
    );
    const rows = await selectRows<{ id: string }>(
      em,
      `INSERT INTO outbox (workspace_id, enrollment_id, node_id, idempotency_key, channel, payload)
       SELECT $1, $2, $3, k.key, 'email', k.payload
         FROM unnest($4::text[], $5::jsonb[]) AS k(key, payload)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id`,
      [
        batch.workspaceId,
        batch.enrollmentId,
        batch.nodeId,
        keys,
        batch.emails.map((email) => JSON.stringify(email)),
      ],
    );
    return rows.map((r) => r.id);
  }
}
