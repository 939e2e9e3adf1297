import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OptOutSource, TopicSubscriptionView } from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { execute, selectRows } from '../database/sql.util.js';
import type { UnsubscribeSource } from './unsubscribe-links.service.js';

type Db = DataSource | EntityManager;

/** A topic a message goes out under, as the engine checks it before sending. */
export interface TopicState {
  id: string;
  name: string;
  /** The customer unsubscribed from it. */
  optedOut: boolean;
}

/**
 * Who left which subscription topic (topic_opt_outs): written by the unsubscribe page, a
 * mail client's one-click request for an e-mail sent under a topic, and the API; read by
 * the engine before it sends and by the customer's profile.
 */
@Injectable()
export class TopicOptOutsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Unsubscribes the workspace's customer from the workspace's topic; true when they were
   * subscribed, false when already out, null when the topic (or customer) is not there.
   */
  async optOut(
    workspaceId: string,
    customerId: string,
    topicId: string,
    source: Exclude<OptOutSource, 'reply'>,
    step?: UnsubscribeSource,
  ): Promise<boolean | null> {
    const [row] = await selectRows<{ inserted: boolean }>(
      this.db,
      `WITH target AS (
         SELECT c.id AS customer_id, t.id AS topic_id FROM customers c, subscription_topics t
          WHERE c.id = $2::bigint AND c.workspace_id = $1 AND t.id = $3 AND t.workspace_id = $1
       ), ins AS (
         INSERT INTO topic_opt_outs (customer_id, topic_id, workspace_id, source, enrollment_id, node_id)
         SELECT customer_id, topic_id, $1, $4, $5::uuid, $6 FROM target
         ON CONFLICT (customer_id, topic_id) DO NOTHING
         RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM ins) AS inserted FROM target`,
      [workspaceId, customerId, topicId, source, step?.enrollmentId ?? null, step?.nodeId ?? null],
    );
    return row ? row.inserted : null;
  }

  /** Subscribes the customer to the topic again; true when they had left it. */
  async resubscribe(workspaceId: string, customerId: string, topicId: string): Promise<boolean> {
    const removed = await execute(
      this.db,
      `DELETE FROM topic_opt_outs WHERE workspace_id = $1 AND customer_id = $2::bigint AND topic_id = $3`,
      [workspaceId, customerId, topicId],
    );
    return removed > 0;
  }

  /**
   * The workspace's topics among `topicIds`, with whether the customer left each (in the
   * caller's transaction); a topic missing from the answer does not exist (any more).
   */
  async states(
    em: Db,
    workspaceId: string,
    customerId: string,
    topicIds: readonly string[],
  ): Promise<TopicState[]> {
    return selectRows<TopicState>(
      em,
      `SELECT t.id, t.name,
              EXISTS (SELECT 1 FROM topic_opt_outs o WHERE o.customer_id = $2::bigint AND o.topic_id = t.id)
                AS "optedOut"
         FROM subscription_topics t WHERE t.workspace_id = $1 AND t.id = ANY($3::uuid[])`,
      [workspaceId, customerId, topicIds],
    );
  }

  /** Every topic of the workspace with the customer's subscription to it. */
  async forCustomer(
    workspaceId: string,
    customerId: string,
    em: Db = this.db,
  ): Promise<TopicSubscriptionView[]> {
    const rows = await selectRows<{
      id: string;
      name: string;
      description: string;
      source: OptOutSource | null;
      opted_out_at: Date | null;
    }>(
      em,
      `SELECT t.id, t.name, t.description, o.source, o.opted_out_at
         FROM subscription_topics t
         LEFT JOIN topic_opt_outs o ON o.topic_id = t.id AND o.customer_id = $2::bigint
        WHERE t.workspace_id = $1 ORDER BY lower(t.name)`,
      [workspaceId, customerId],
    );
    return rows.map((r) => ({
      topicId: r.id,
      name: r.name,
      description: r.description,
      status: r.opted_out_at ? 'unsubscribed' : 'subscribed',
      since: r.opted_out_at ? r.opted_out_at.toISOString() : null,
      source: r.source,
    }));
  }
}
