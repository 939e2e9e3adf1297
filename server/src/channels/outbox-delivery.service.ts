import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { execute, selectRows } from '../database/sql.util.js';
import type { InCallerContext } from '../common/micro-batcher.js';
import { recordDeliveries } from '../metrics/delivery.metrics.js';
import { EmailTransportService, type HeldEmail } from './email-transport.service.js';
import {
  asError,
  type Attempt,
  attemptUpdates,
  type DeliveryOutcome,
  failed,
  fromHttp,
  nextAttemptAt,
  type RecordedAttempt,
} from './delivery-attempt.util.js';
import { isPermanentSmtpError, messageIdFor, providerMessageId } from './message-id.util.js';
import { EmailSuppressionsRepository, type Suppression } from './email-suppressions.repository.js';
import { isHardBounce } from './hard-bounce.util.js';
import { backoffAfter, OUTBOX_MAX_ATTEMPTS } from './outbox-delivery.job.js';
import type { OutboxEmail, OutboxSms, OutboxWebhook } from './outbox-message.types.js';
import {
  type EmailProviderCredentials,
  WorkspaceCredentialsService,
} from '../secrets/workspace-credentials.service.js';
import type { SignedDelivery } from './http-delivery.client.js';
import { SmsDeliveryService } from './sms-delivery.service.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';

interface RowBase {
  id: string;
  workspace_id: string;
  idempotency_key: string;
  attempts: number;
  /** Sealed (WorkspaceCredentialsService opens them here, where they are used). */
  sms_provider: unknown;
  email_provider: unknown;
  signing_secret: string | null;
  allowed_hosts: string[];
}

type OutboxRow = RowBase &
  (
    | { channel: 'email'; payload: OutboxEmail }
    | { channel: 'sms'; payload: OutboxSms }
    | { channel: 'webhook'; payload: OutboxWebhook }
  );

/** One outbox row to deliver; `finalAttempt`: its job's last attempt. */
export interface DeliveryRequest {
  outboxId: string;
  finalAttempt: boolean;
  /**
   * How long the caller waits before the next attempt if this one fails and is retried
   * (its backoff; a longer Retry-After wins): recorded as the row's `next_attempt_at`.
   */
  retryDelayMs: number;
}

const SKIPPED: DeliveryOutcome = Object.freeze({ kind: 'skipped' });

/**
 * Delivers pending outbox rows while holding their row locks. Only pending rows are
 * delivered, so replays send nothing.
 *
 * Email is exactly-once under crashes ("commit before the terminator"): the message is
 * streamed to the SMTP server without its final `\r\n.\r\n`, the row is marked sent and
 * committed, and only then is the message ended. If the commit fails the connection is
 * dropped and the server discards the incomplete message; if the process dies the
 * connection dies with it, and the row is still pending either way.
 *
 * SMS and webhooks are at-least-once: a crash between the provider's 2xx and the commit
 * repeats the request with the same Idempotency-Key header, for the receiver to drop.
 */
@Injectable()
export class OutboxDeliveryService {
  private readonly logger = new Logger(OutboxDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly email: EmailTransportService,
    private readonly sms: SmsDeliveryService,
    private readonly webhooks: WebhookDeliveryService,
    private readonly credentials: WorkspaceCredentialsService,
    private readonly suppressions: EmailSuppressionsRepository,
  ) {}

  /**
   * `finalAttempt`: the job's last attempt, so a failure is recorded as final;
   * `retryDelayMs`: see DeliveryRequest.
   */
  async deliver(
    outboxId: string,
    finalAttempt: boolean,
    retryDelayMs = backoffAfter(1),
  ): Promise<DeliveryOutcome> {
    const [outcome] = await this.deliverMany([{ outboxId, finalAttempt, retryDelayMs }]);
    return outcome ?? SKIPPED;
  }

  /**
   * Delivers a batch in one transaction: the pending rows are locked by one statement,
   * their requests sent at once, the answers recorded by one statement and committed
   * together (e-mails then end as above). One outcome per request, in order.
   */
  async deliverMany(
    requests: readonly DeliveryRequest[],
    inCallerContext?: InCallerContext,
  ): Promise<DeliveryOutcome[]> {
    const byId = new Map(requests.map((request, index) => [request.outboxId, { request, index }]));
    /** A message's own work logs with the job id of whoever asked for it (MicroBatcher). */
    const asCaller = <R>(outboxId: string, fn: () => R): R => {
      const index = byId.get(outboxId)?.index;
      return inCallerContext && index !== undefined ? inCallerContext(index, fn) : fn();
    };
    const held = new Map<string, HeldDelivery>();
    const channels = new Map<string, OutboxRow['channel']>();
    let outcomes: Map<string, DeliveryOutcome>;
    try {
      outcomes = await this.db.transaction(async (em) => {
        const rows = await selectRows<OutboxRow>(
          em,
          `SELECT o.id, o.workspace_id, o.channel, o.idempotency_key, o.payload, o.attempts,
                  w.sms_provider, w.email_provider, w.signing_secret, w.allowed_hosts
             FROM outbox o JOIN workspaces w ON w.id = o.workspace_id
            WHERE o.id = ANY($1::uuid[]) AND o.status = 'pending'
            ORDER BY o.id
              FOR UPDATE OF o SKIP LOCKED`,
          [[...byId.keys()]],
        );
        for (const row of rows) channels.set(row.id, row.channel);
        const attempts = await Promise.all(
          rows.map(async (row) => {
            const request = byId.get(row.id)?.request;
            const final = !!request?.finalAttempt || row.attempts + 1 >= OUTBOX_MAX_ATTEMPTS;
            const retryDelayMs = request?.retryDelayMs ?? 0;
            const attempt = await asCaller(row.id, () => this.attempt(row)).catch(
              (caught: unknown): Attempt => ({
                kind: 'failed',
                error: asError(caught).message,
                permanent: false,
              }),
            );
            if (attempt.kind === 'held' && row.channel === 'email')
              held.set(row.id, {
                held: attempt.held,
                final,
                retryDelayMs,
                recipient: { workspaceId: row.workspace_id, address: row.payload.to },
              });
            return { id: row.id, attempt, final, retryDelayMs };
          }),
        );
        const outcomes = await this.record(em, attempts);
        await this.suppressions.add(em, bouncedAddresses(rows, attempts));
        return outcomes;
      });
    } catch (error) {
      // The rows are not marked sent (or that is not committed): the server must drop them.
      for (const { held: message } of held.values()) message.abort();
      throw error;
    }
    const results = await Promise.all(
      requests.map(async ({ outboxId }) => {
        const outcome = outcomes.get(outboxId) ?? SKIPPED;
        const message = held.get(outboxId);
        if (message && outcome.kind === 'sent')
          return asCaller(outboxId, () =>
            this.completeEmail(outboxId, message, outcome.providerMessageId),
          );
        return outcome;
      }),
    );
    recordDeliveries(
      requests.map(({ outboxId }, i) => ({ outboxId, outcome: results[i] ?? SKIPPED })),
      channels,
    );
    return results;
  }

  private async attempt(row: OutboxRow): Promise<Attempt> {
    const signing = async (): Promise<SignedDelivery> => ({
      signingSecret: await this.credentials.signingSecret(row.workspace_id, row.signing_secret),
      idempotencyKey: row.idempotency_key,
      allowedHosts: row.allowed_hosts,
    });
    switch (row.channel) {
      case 'email':
        return this.attemptEmail(
          row.payload,
          row.idempotency_key,
          this.credentials.emailProvider(row.workspace_id, row.email_provider),
        );
      case 'sms': {
        const provider = this.credentials.smsProvider(row.workspace_id, row.sms_provider);
        return fromHttp(await this.sms.deliver(row.payload, provider, await signing()));
      }
      case 'webhook':
        return fromHttp(await this.webhooks.deliver(row.payload, await signing()));
      default: {
        const never: never = row;
        throw new Error(`unknown outbox channel ${JSON.stringify(never)}`);
      }
    }
  }

  /** Through the workspace's own SMTP server and sender when it has one, else SMTP_URL. */
  private async attemptEmail(
    email: OutboxEmail,
    key: string,
    server: EmailProviderCredentials | null,
  ): Promise<Attempt> {
    const from = server?.from ?? email.from;
    const messageId = messageIdFor(key, from);
    const outgoing = {
      from,
      to: email.to,
      subject: email.subject,
      ...(email.html !== undefined ? { html: email.html } : {}),
      ...(email.text !== undefined ? { text: email.text } : {}),
      messageId,
      ...(email.unsubscribeUrl !== undefined ? { unsubscribeUrl: email.unsubscribeUrl } : {}),
    };
    try {
      if (this.email.logOnly(server?.url))
        return { kind: 'sent', providerMessageId: await this.email.log(outgoing) };
      return {
        kind: 'held',
        held: await this.email.hold(outgoing, server?.url),
        providerMessageId: messageId,
      };
    } catch (caught) {
      const error = asError(caught);
      return {
        kind: 'failed',
        error: error.message,
        permanent: isPermanentSmtpError(error),
        ...(isHardBounce(caught) ? { bounced: true } : {}),
      };
    }
  }

  /** Writes the attempts on their rows, in the rows' transaction: one statement. */
  private async record(
    em: EntityManager,
    attempts: readonly RecordedAttempt[],
  ): Promise<Map<string, DeliveryOutcome>> {
    const { updates, outcomes } = attemptUpdates(attempts, Date.now());
    if (updates.length > 0)
      await execute(
        em,
        `UPDATE outbox o SET attempts = o.attempts + 1, status = r.status, last_error = r.last_error,
                provider_message_id = CASE WHEN r.status = 'sent' THEN r.provider_message_id ELSE o.provider_message_id END,
                sent_at = CASE WHEN r.status = 'sent' THEN now() ELSE o.sent_at END,
                next_attempt_at = r.next_attempt_at
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
                AS r(id, status, provider_message_id, last_error, next_attempt_at)
          WHERE o.id = r.id`,
        [
          updates.map((u) => u.id),
          updates.map((u) => u.status),
          updates.map((u) => u.providerId),
          updates.map((u) => u.error),
          updates.map((u) => u.nextAttemptAt),
        ],
      );
    return outcomes;
  }

  /**
   * After the commit: ends the message and reads the server's answer. A refusal turns
   * the row back (failed for a 5xx, pending for a 4xx or a connection lost before the
   * end was written) in a second small transaction.
   */
  private async completeEmail(
    id: string,
    { held, final, retryDelayMs, recipient }: HeldDelivery,
    messageId: string,
  ): Promise<DeliveryOutcome> {
    const answer = await held.complete();
    switch (answer.kind) {
      case 'accepted': {
        const queued = providerMessageId(answer.response, messageId);
        if (queued !== messageId)
          await this.afterCommit(id, (db) =>
            execute(
              db,
              `UPDATE outbox SET provider_message_id = $2 WHERE id = $1 AND status = 'sent'`,
              [id, queued],
            ),
          );
        return { kind: 'sent', providerMessageId: queued };
      }
      case 'refused':
      case 'not-sent': {
        const retry = !final && (answer.kind === 'not-sent' || !answer.permanent);
        const reason =
          answer.kind === 'not-sent'
            ? `connection lost before the end of the message (not sent): ${answer.error.message}`
            : answer.error.message;
        // Refused for good after the end (a server that checks mailboxes late): the address
        // is suppressed with the row's failure, as it would have been at RCPT TO.
        const bounced = answer.kind === 'refused' && isHardBounce(answer.error);
        await this.afterCommit(id, (db) =>
          db.transaction(async (em) => {
            await execute(
              em,
              `UPDATE outbox SET status = $2, last_error = $3, provider_message_id = NULL,
                      sent_at = NULL, next_attempt_at = $4
                WHERE id = $1 AND status = 'sent'`,
              [
                id,
                retry ? 'pending' : 'failed',
                reason.slice(0, 2000),
                retry ? nextAttemptAt(Date.now(), retryDelayMs) : null,
              ],
            );
            if (bounced) await this.suppressions.add(em, [{ ...recipient, reason }]);
          }),
        );
        return failed(reason, retry);
      }
      case 'unknown': {
        // The end went out; the server may have the message. Not resent (at most once).
        const note = `sent, but the server's answer was lost: ${answer.error.message}`;
        this.logger.warn({ outboxId: id }, note);
        await this.afterCommit(id, (db) =>
          execute(db, `UPDATE outbox SET last_error = $2 WHERE id = $1`, [id, note.slice(0, 2000)]),
        );
        return { kind: 'sent', providerMessageId: messageId };
      }
      default: {
        const never: never = answer;
        throw new Error(`unknown SMTP answer ${JSON.stringify(never)}`);
      }
    }
  }

  /** A small write after the commit, retried briefly so a Postgres blip does not lose it. */
  private async afterCommit(
    id: string,
    write: (db: DataSource) => Promise<unknown>,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await write(this.db);
        return;
      } catch (error) {
        if (attempt >= 5) {
          this.logger.error({ outboxId: id, err: error }, 'could not record the SMTP answer');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
      }
    }
  }
}

/** An e-mail sent but for its terminator, waiting for its row's commit (see completeEmail). */
interface HeldDelivery {
  held: HeldEmail;
  final: boolean;
  retryDelayMs: number;
  /** Whom to suppress if the server refuses the address after the end. */
  recipient: Omit<Suppression, 'reason'>;
}

/** The addresses of e-mails whose server refused them for good: the workspace stops there. */
function bouncedAddresses(
  rows: readonly OutboxRow[],
  attempts: readonly RecordedAttempt[],
): Suppression[] {
  const bounced = new Map(
    attempts.flatMap((a) =>
      a.attempt.kind === 'failed' && a.attempt.bounced ? [[a.id, a.attempt.error]] : [],
    ),
  );
  if (bounced.size === 0) return [];
  return rows.flatMap((row) => {
    const reason = bounced.get(row.id);
    return row.channel === 'email' && reason !== undefined
      ? [{ workspaceId: row.workspace_id, address: row.payload.to, reason }]
      : [];
  });
}
