import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DeliveriesPage,
  DeliveriesQuery,
  DeliveryView,
  RetryDeliveriesBody,
  RetryDeliveriesResult,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { ActionRegistry } from '../actions/action-registry.service.js';
import { messageSummary } from '../channels/message-summary.util.js';
import { selectOne, selectRows, updateReturning } from '../database/sql.util.js';
import { ReconcilerService } from '../engine/reconciler.service.js';
import {
  DELIVERIES_SQL,
  DELIVERY_COUNTS_SQL,
  DELIVERY_SQL,
  type DeliveryRow,
  RETRY_FAILED_SQL,
  SEND_WAITING_NOW_SQL,
} from './deliveries.sql.js';

/** At most this many failed messages are sent again by one "retry all". */
export const RETRY_ALL_LIMIT = 10_000;

/**
 * The workspace's messages that did not go out (failed for good, or waiting), and sending
 * failed ones again. A retry makes the row pending with a fresh set of attempts and
 * enqueues its delivery job under the row's deterministic job id, so the outbox's
 * guarantees hold: a row is sent by whoever locks it while it is pending, once.
 */
@Injectable()
export class DeliveriesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reconciler: ReconcilerService,
    private readonly actions: ActionRegistry,
  ) {}

  async list(workspaceId: string, query: DeliveriesQuery): Promise<DeliveriesPage> {
    const filter = [workspaceId, query.status, query.channel ?? null];
    const scope = [query.journeyId ?? null, query.stepId ?? null];
    // The rows and the counts are read from one snapshot: read apart, a message that goes
    // out in between is listed as waiting beside a count of none waiting, and the page,
    // which follows waiting messages while the count says there are any, stops following.
    const { rows, counts } = await this.db.transaction('REPEATABLE READ', async (em) => ({
      rows: await selectRows<DeliveryRow>(em, DELIVERIES_SQL, [
        ...filter,
        query.limit,
        query.offset,
        ...scope,
      ]),
      counts: await selectOne<{ total: number; failed: number; pending: number }>(
        em,
        DELIVERY_COUNTS_SQL,
        [...filter, ...scope],
      ),
    }));
    return {
      items: rows.map((row) => this.toView(row)),
      total: counts?.total ?? 0,
      limit: query.limit,
      offset: query.offset,
      counts: { failed: counts?.failed ?? 0, pending: counts?.pending ?? 0 },
    };
  }

  /**
   * One message sent again: a failed one with a fresh set of attempts, a waiting one now
   * rather than at its next attempt. 409 when it was sent, or is going out already.
   */
  async retry(workspaceId: string, id: string): Promise<DeliveryView> {
    const [retried] = await this.retryWhere(workspaceId, { id }, 1);
    const hurried = retried ? undefined : await this.sendWaitingNow(workspaceId, id);
    if (!retried && !hurried) {
      const current = await this.find(workspaceId, id);
      if (!current) throw new NotFoundException(`no message ${id} in this workspace`);
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message:
          current.status === 'sent'
            ? 'the message was sent already'
            : 'the message is already going out',
      });
    }
    const view = await this.find(workspaceId, id);
    if (!view) throw new NotFoundException(`no message ${id} in this workspace`);
    return view;
  }

  /** Every failed message (of a channel, a journey, a step), sent again, oldest first. */
  async retryAll(workspaceId: string, body: RetryDeliveriesBody): Promise<RetryDeliveriesResult> {
    const ids = await this.retryWhere(workspaceId, body, RETRY_ALL_LIMIT);
    return { retried: ids.length };
  }

  private async retryWhere(
    workspaceId: string,
    which: RetryDeliveriesBody & { id?: string },
    limit: number,
  ): Promise<string[]> {
    const rows = await updateReturning<{ id: string }>(this.db, RETRY_FAILED_SQL, [
      workspaceId,
      which.id ?? null,
      which.channel ?? null,
      limit,
      which.journeyId ?? null,
      which.stepId ?? null,
    ]);
    const ids = rows.map((row) => row.id);
    // Committed pending first: if enqueueing fails, the reconciler finds the rows.
    if (ids.length > 0) await this.reconciler.requeueMessages(ids.map((id) => ({ id })));
    return ids;
  }

  /** A waiting message whose next attempt is still to come, made due now; its id, if so. */
  private async sendWaitingNow(workspaceId: string, id: string): Promise<string | undefined> {
    const [row] = await updateReturning<{ id: string }>(this.db, SEND_WAITING_NOW_SQL, [
      workspaceId,
      id,
    ]);
    if (row) await this.reconciler.sendMessageNow(row.id);
    return row?.id;
  }

  private async find(workspaceId: string, id: string): Promise<DeliveryView | null> {
    const row = await selectOne<DeliveryRow>(this.db, DELIVERY_SQL, [workspaceId, id]);
    return row ? this.toView(row) : null;
  }

  private toView(row: DeliveryRow): DeliveryView {
    return {
      id: row.id,
      channel: row.channel,
      status: row.status,
      recipient: row.recipient,
      summary: messageSummary(row) || null,
      transactional: row.transactional,
      customer:
        row.customer_id && row.external_id !== null
          ? { id: row.customer_id, externalId: row.external_id }
          : null,
      journey:
        row.journey_id && row.journey_name !== null
          ? {
              id: row.journey_id,
              name: row.journey_name,
              stepId: row.node_id ?? '',
              stepTitle: this.stepTitle(row),
            }
          : null,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: row.created_at.toISOString(),
      sentAt: row.sent_at ? row.sent_at.toISOString() : null,
      nextAttemptAt:
        row.status === 'pending' && row.next_attempt_at ? row.next_attempt_at.toISOString() : null,
    };
  }

  /** The step as the canvas names it: its label, else its type's title, else its id. */
  private stepTitle(row: DeliveryRow): string {
    const typeTitle = row.node_type ? this.actions.resolve(row.node_type)?.title : undefined;
    return row.node_label ?? typeTitle ?? row.node_type ?? row.node_id ?? '';
  }
}
