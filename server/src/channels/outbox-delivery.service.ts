import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { execute, selectOne } from '../database/sql.util.js';
import { EmailTransportService } from './email-transport.service.js';
import { isPermanentSmtpError, messageIdFor } from './message-id.util.js';
import type { OutboxEmail } from './outbox.repository.js';

export type DeliveryOutcome =
  /** Not pending (already sent or failed) or being sent by another worker: nothing to do. */
  | { kind: 'skipped' }
  | { kind: 'sent'; providerMessageId: string }
  /** Recorded on the row; `retry` says whether the job should be retried. */
  | { kind: 'failed'; error: Error; retry: boolean };

interface OutboxRow {
  id: string;
  idempotency_key: string;
  payload: OutboxEmail;
}

/**
 * Sends one pending outbox row while holding its row lock, then marks it sent. Only
 * pending rows are sent, so replays send nothing. (A crash between the SMTP answer
 * and the commit leaves the row pending: the retry carries the same Message-ID.)
 */
@Injectable()
export class OutboxDeliveryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transport: EmailTransportService,
  ) {}

  async deliver(outboxId: string, finalAttempt: boolean): Promise<DeliveryOutcome> {
    return this.db.transaction(async (em) => {
      const row = await selectOne<OutboxRow>(
        em,
        `SELECT id, idempotency_key, payload FROM outbox WHERE id = $1 AND status = 'pending' FOR UPDATE SKIP LOCKED`,
        [outboxId],
      );
      if (!row) return { kind: 'skipped' };
      const email = row.payload;
      try {
        const providerMessageId = await this.transport.send({
          from: email.from,
          to: email.to,
          subject: email.subject,
          ...(email.html !== undefined ? { html: email.html } : {}),
          ...(email.text !== undefined ? { text: email.text } : {}),
          messageId: messageIdFor(row.idempotency_key, email.from),
        });
        await execute(
          em,
          `UPDATE outbox SET status = 'sent', attempts = attempts + 1, provider_message_id = $2, sent_at = now(), last_error = NULL
            WHERE id = $1`,
          [row.id, providerMessageId],
        );
        return { kind: 'sent', providerMessageId };
      } catch (caught) {
        const error = caught instanceof Error ? caught : new Error(String(caught));
        const retry = !finalAttempt && !isPermanentSmtpError(error);
        await execute(
          em,
          `UPDATE outbox SET attempts = attempts + 1, last_error = $2, status = $3 WHERE id = $1`,
          [row.id, error.message.slice(0, 2000), retry ? 'pending' : 'failed'],
        );
        return { kind: 'failed', error, retry };
      }
    });
  }
}
