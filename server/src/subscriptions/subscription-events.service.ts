import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { BatchMessage, OptOutSource, SubscriptionChannel } from '@switchyard/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { selectOne } from '../database/sql.util.js';
import { IngestService } from '../ingest/ingest.service.js';
import type { UnsubscribeSource } from './unsubscribe-links.service.js';

/** The events a change of subscription is recorded as, in the customer's own stream. */
export const UNSUBSCRIBED_EVENT = 'Unsubscribed';
export const RESUBSCRIBED_EVENT = 'Resubscribed';

/** One change that took effect: a channel's or a topic's subscription, on or off. */
export interface SubscriptionChange {
  subscribed: boolean;
  channel: SubscriptionChannel;
  topic?: { id: string; name: string };
  source: OptOutSource;
  /** The journey step whose e-mail's link the customer followed. */
  step?: UnsubscribeSource;
}

/**
 * Records each change of a customer's subscriptions as an event of theirs (`Unsubscribed`,
 * `Resubscribed`; properties `channel`, `topic`, `topicId`, `source`, `nodeId`), through
 * ingest like any tracked event: it shows on the profile, can trigger a journey (a
 * confirmation, a CRM update) and counts in segment rules as of any date, which the
 * opt-out rows alone (one per current opt-out) cannot. The opt-out itself is already
 * stored: an event that cannot be written is logged, not retried.
 */
@Injectable()
export class SubscriptionEventsService {
  private readonly logger = new Logger(SubscriptionEventsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ingest: IngestService,
  ) {}

  async record(
    workspaceId: string,
    customerId: string,
    changes: readonly SubscriptionChange[],
  ): Promise<void> {
    if (changes.length === 0) return;
    try {
      const customer = await selectOne<{ external_id: string }>(
        this.db,
        `SELECT external_id FROM customers WHERE id = $1::bigint AND workspace_id = $2`,
        [customerId, workspaceId],
      );
      if (!customer) return;
      const timestamp = new Date().toISOString();
      const messages: BatchMessage[] = changes.map((change) => ({
        type: 'track',
        userId: customer.external_id,
        event: change.subscribed ? RESUBSCRIBED_EVENT : UNSUBSCRIBED_EVENT,
        messageId: `switchyard-subscription-${randomUUID()}`,
        timestamp,
        properties: {
          channel: change.channel,
          source: change.source,
          ...(change.topic ? { topic: change.topic.name, topicId: change.topic.id } : {}),
          ...(change.step ? { nodeId: change.step.nodeId } : {}),
        },
      }));
      await this.ingest.ingest(workspaceId, messages, null);
    } catch (error) {
      this.logger.warn(
        { err: error, customerId },
        `could not record ${changes.length} subscription change(s) as events`,
      );
    }
  }
}
