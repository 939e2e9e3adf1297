import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { bareMessageId, readMessageId, sameMessage } from '../channels/message-id.util.js';
import { selectRows } from '../database/sql.util.js';
import type { UnsubscribeSource } from './unsubscribe-links.service.js';

/** The journey e-mail a provider's report is about: its run, step and customer. */
export interface ReportedMessage extends UnsubscribeSource {
  customerId: string;
}

/** Spam complaints as providers report them (email_complaints, migration 1757). */
@Injectable()
export class EmailComplaintsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The workspace's journey e-mail that carried this Message-ID, or null: the run named at
   * the head of the id leads to its outbox rows (by index), and the key of one of them
   * must give the id's local part. A test send's or another system's id finds nothing.
   */
  async reportedMessage(workspaceId: string, messageId: string): Promise<ReportedMessage | null> {
    const read = readMessageId(messageId);
    if (!read) return null;
    const rows = await selectRows<{ key: string; node_id: string; customer_id: string }>(
      this.db,
      `SELECT o.idempotency_key AS key, o.node_id, o.customer_id::text
         FROM outbox o
        WHERE o.enrollment_id = $2::uuid AND o.workspace_id = $1 AND o.channel = 'email'
          AND o.node_id IS NOT NULL AND o.customer_id IS NOT NULL`,
      [workspaceId, read.enrollmentId],
    );
    const row = rows.find((r) => sameMessage(r.key, read.localPart));
    return row
      ? { enrollmentId: read.enrollmentId, nodeId: row.node_id, customerId: row.customer_id }
      : null;
  }

  /**
   * The workspace's customers whose `email` trait is the address (any case). Only for a
   * report without a Message-ID of ours: it reads the workspace's customers (complaints
   * are a handful a day; an index would cost every customer write).
   */
  async customersByEmail(workspaceId: string, address: string): Promise<string[]> {
    const rows = await selectRows<{ id: string }>(
      this.db,
      `SELECT id::text FROM customers
        WHERE workspace_id = $1 AND traits ? 'email' AND lower(trim(traits->>'email')) = $2`,
      [workspaceId, address.trim().toLowerCase()],
    );
    return rows.map((r) => r.id);
  }

  /** Records a complaint; false when the provider already reported this Message-ID. */
  async record(
    workspaceId: string,
    address: string,
    messageId: string | undefined,
    message: ReportedMessage | null,
  ): Promise<boolean> {
    const rows = await selectRows<{ id: string }>(
      this.db,
      `INSERT INTO email_complaints (workspace_id, address, message_id, enrollment_id, node_id)
       VALUES ($1, $2, $3, $4::uuid, $5)
       ON CONFLICT (workspace_id, message_id) WHERE message_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        workspaceId,
        address.trim().toLowerCase(),
        messageId === undefined ? null : bareMessageId(messageId),
        message?.enrollmentId ?? null,
        message?.nodeId ?? null,
      ],
    );
    return rows.length > 0;
  }
}
