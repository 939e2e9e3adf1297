import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { selectOne } from '../database/sql.util.js';
import { OptOutsRepository } from './opt-outs.repository.js';
import { SubscriptionEventsService } from './subscription-events.service.js';
import { type TopicState, TopicOptOutsRepository } from './topic-opt-outs.repository.js';
import type { UnsubscribePage } from './unsubscribe-page.html.js';
import {
  PREVIEW_UNSUBSCRIBE_TOKEN,
  UnsubscribeLinks,
  type UnsubscribeTarget,
} from './unsubscribe-links.service.js';

/**
 * The public side of unsubscribing: what the page shows for a link, and recording the
 * customer's choice (from the page's button, or a mail client's RFC 8058 one-click POST).
 * A link for a customer deleted since still answers "unsubscribed": the page tells
 * nothing about who exists.
 */
@Injectable()
export class UnsubscribeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly links: UnsubscribeLinks,
    private readonly optOuts: OptOutsRepository,
    private readonly topicOptOuts: TopicOptOutsRepository,
    private readonly events: SubscriptionEventsService,
  ) {}

  async page(token: string): Promise<UnsubscribePage> {
    const link = await this.linkOf(token);
    if (link.kind !== 'valid') return link;
    const { target, workspace } = link;
    const out = await this.optOuts.optedOut(this.db, target.customerId, ['email']);
    const topic = await this.topicOf(target);
    return {
      kind: 'confirm',
      workspace,
      token,
      alreadyOut: out.has('email'),
      topic: topic && { name: topic.name, alreadyOut: topic.optedOut },
    };
  }

  /**
   * Records the customer's choice: `topic` leaves the topic the e-mail went out under (a
   * mail client's one-click request does, RFC 8058: the list the message came from), `all`
   * every marketing e-mail; an e-mail without a topic (or whose topic was deleted) leaves all.
   */
  async unsubscribe(
    token: string,
    request: { scope: 'topic' | 'all'; oneClick: boolean },
  ): Promise<UnsubscribePage> {
    const link = await this.linkOf(token);
    if (link.kind !== 'valid') return link;
    const { target, workspace } = link;
    const source = request.oneClick ? 'one_click' : 'link';
    const topic = request.scope === 'topic' ? await this.topicOf(target) : null;
    const { workspaceId, customerId, message } = target;
    const step = message ? { step: message } : {};
    if (topic) {
      const left = await this.topicOptOuts.optOut(
        workspaceId,
        customerId,
        topic.id,
        source,
        message,
      );
      if (left)
        await this.events.record(workspaceId, customerId, [
          { subscribed: false, channel: 'email', topic, source, ...step },
        ]);
      if (left !== null) return { kind: 'done', workspace, token, topic: topic.name };
    }
    if (await this.optOuts.optOut(workspaceId, customerId, 'email', source, message))
      await this.events.record(workspaceId, customerId, [
        { subscribed: false, channel: 'email', source, ...step },
      ]);
    return { kind: 'done', workspace, token, topic: null };
  }

  /** The topic the link's e-mail went out under (its outbox row says), if it still exists. */
  private async topicOf(target: UnsubscribeTarget): Promise<TopicState | null> {
    const message = target.message;
    if (!message) return null;
    const row = await selectOne<{ topic_id: string | null }>(
      this.db,
      `SELECT payload->>'topicId' AS topic_id FROM outbox
        WHERE enrollment_id = $1 AND node_id = $2 AND workspace_id = $3 AND channel = 'email'
        ORDER BY created_at DESC LIMIT 1`,
      [message.enrollmentId, message.nodeId, target.workspaceId],
    );
    if (!row?.topic_id) return null;
    const [topic] = await this.topicOptOuts.states(this.db, target.workspaceId, target.customerId, [
      row.topic_id,
    ]);
    return topic ?? null;
  }

  /** Whom a link unsubscribes, in which workspace (by name); a preview or invalid link. */
  async linkOf(
    token: string,
  ): Promise<
    | { kind: 'valid'; target: UnsubscribeTarget; workspace: string }
    | { kind: 'preview' }
    | { kind: 'invalid' }
  > {
    if (token === PREVIEW_UNSUBSCRIBE_TOKEN) return { kind: 'preview' };
    const target = this.links.read(token);
    if (!target) return { kind: 'invalid' };
    const row = await selectOne<{ name: string }>(
      this.db,
      'SELECT name FROM workspaces WHERE id = $1',
      [target.workspaceId],
    );
    return row ? { kind: 'valid', target, workspace: row.name } : { kind: 'invalid' };
  }
}
