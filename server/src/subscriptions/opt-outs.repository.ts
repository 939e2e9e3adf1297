import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CustomerSubscriptions,
  OptOutSource,
  SubscriptionChannel,
} from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { customerKeySql, customerKeys } from '../customers/customer-lookup.util.js';
import { execute, selectOne, selectRows } from '../database/sql.util.js';
import { CUSTOMERS_BY_PHONE_SQL } from './customer-phone.sql.js';
import { TopicOptOutsRepository } from './topic-opt-outs.repository.js';
import type { UnsubscribeSource } from './unsubscribe-links.service.js';

type Db = DataSource | EntityManager;

/**
 * Who unsubscribed from which channel's marketing messages (channel_opt_outs): written by
 * the unsubscribe page, a mail client's one-click request and the API; read by the engine
 * before it sends and by the customer's profile.
 */
@Injectable()
export class OptOutsRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly topics: TopicOptOutsRepository,
  ) {}

  /** The internal id of the workspace's customer `id` (internal id first, then external). */
  async customerId(workspaceId: string, id: string): Promise<string | null> {
    for (const key of customerKeys(id, 'auto') ?? []) {
      const row = await selectOne<{ id: string }>(
        this.db,
        `SELECT id::text FROM customers WHERE workspace_id = $1 AND ${customerKeySql(key)}`,
        [workspaceId, key.value],
      );
      if (row) return row.id;
    }
    return null;
  }

  /**
   * The workspace's customers whose `phone` trait is `phone` (E.164), written with or
   * without the spaces, dashes, dots and parentheses people type.
   */
  async customersByPhone(workspaceId: string, phone: string): Promise<string[]> {
    const rows = await selectRows<{ id: string }>(this.db, CUSTOMERS_BY_PHONE_SQL, [
      workspaceId,
      phone,
    ]);
    return rows.map((r) => r.id);
  }

  /**
   * Unsubscribes the customer (if they are the workspace's); true when they were subscribed.
   * `step`: the journey step whose e-mail's link they followed, counted on that node.
   */
  async optOut(
    workspaceId: string,
    customerId: string,
    channel: SubscriptionChannel,
    source: OptOutSource,
    step?: UnsubscribeSource,
  ): Promise<boolean> {
    const rows = await selectRows<{ customer_id: string }>(
      this.db,
      `INSERT INTO channel_opt_outs (customer_id, channel, workspace_id, source, enrollment_id, node_id)
       SELECT id, $3, workspace_id, $4, $5::uuid, $6 FROM customers
        WHERE id = $2::bigint AND workspace_id = $1
       ON CONFLICT (customer_id, channel) DO NOTHING
       RETURNING customer_id`,
      [workspaceId, customerId, channel, source, step?.enrollmentId ?? null, step?.nodeId ?? null],
    );
    return rows.length > 0;
  }

  /** Subscribes the customer again; true when they had unsubscribed. */
  async resubscribe(
    workspaceId: string,
    customerId: string,
    channel: SubscriptionChannel,
  ): Promise<boolean> {
    const removed = await execute(
      this.db,
      `DELETE FROM channel_opt_outs WHERE workspace_id = $1 AND customer_id = $2::bigint AND channel = $3`,
      [workspaceId, customerId, channel],
    );
    return removed > 0;
  }

  /** Of `channels`, the ones the customer unsubscribed from (in the caller's transaction). */
  async optedOut(
    em: Db,
    customerId: string,
    channels: readonly SubscriptionChannel[],
  ): Promise<Set<SubscriptionChannel>> {
    const rows = await selectRows<{ channel: SubscriptionChannel }>(
      em,
      `SELECT channel FROM channel_opt_outs WHERE customer_id = $1::bigint AND channel = ANY($2::text[])`,
      [customerId, channels],
    );
    return new Set(rows.map((r) => r.channel));
  }

  /**
   * The customer's subscriptions: per channel, per topic of the workspace, and whether
   * their e-mail address is suppressed (a hard bounce).
   */
  async forCustomer(
    workspaceId: string,
    customerId: string,
    em: Db = this.db,
  ): Promise<CustomerSubscriptions> {
    // One statement: the opt-outs, and the address's suppression as a row of its own.
    const rows = await selectRows<{
      channel: SubscriptionChannel | 'suppressed';
      source: OptOutSource | null;
      opted_out_at: Date;
      address: string | null;
      reason: string | null;
    }>(
      em,
      `SELECT channel, source, opted_out_at, NULL::text AS address, NULL::text AS reason
         FROM channel_opt_outs WHERE workspace_id = $1 AND customer_id = $2::bigint
       UNION ALL
       SELECT 'suppressed', NULL, s.created_at, s.address, s.reason
         FROM customers c
         JOIN email_suppressions s
           ON s.workspace_id = c.workspace_id AND s.address = lower(trim(c.traits->>'email'))
        WHERE c.id = $2::bigint AND c.workspace_id = $1`,
      [workspaceId, customerId],
    );
    const of = (channel: SubscriptionChannel) => {
      const row = rows.find((r) => r.channel === channel);
      return row?.source
        ? {
            status: 'unsubscribed' as const,
            since: row.opted_out_at.toISOString(),
            source: row.source,
          }
        : { status: 'subscribed' as const, since: null, source: null };
    };
    const topics = await this.topics.forCustomer(workspaceId, customerId, em);
    const suppression = rows.find((r) => r.channel === 'suppressed');
    return {
      email: of('email'),
      sms: of('sms'),
      topics,
      emailSuppression:
        suppression?.address && suppression.reason !== null
          ? {
              address: suppression.address,
              reason: suppression.reason,
              since: suppression.opted_out_at.toISOString(),
            }
          : null,
    };
  }
}
