import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OptOutsRepository } from './opt-outs.repository.js';
import type { PreferencesPage } from './preferences-page.html.js';
import {
  type SubscriptionChange,
  SubscriptionEventsService,
} from './subscription-events.service.js';
import { TopicOptOutsRepository } from './topic-opt-outs.repository.js';
import { UnsubscribeService } from './unsubscribe.service.js';

/** What the customer ticked: marketing e-mail, and the ids of the topics they keep. */
export interface PreferencesChoice {
  email: boolean;
  topics: ReadonlySet<string>;
}

/** The preference center's answer: the page, or what the unsubscribe page says instead. */
export type PreferencesAnswer =
  { kind: 'preferences'; page: PreferencesPage } | { kind: 'preview' } | { kind: 'invalid' };

/**
 * The customer's own preference center, behind the signed link of any marketing e-mail:
 * marketing e-mail and each of the workspace's topics, on or off. Saving applies the whole
 * form: what was unticked is an opt-out from the link (counted on the e-mail's step, as
 * an unsubscribe is), what was ticked again subscribes again; each change is an event.
 */
@Injectable()
export class PreferenceCenterService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly unsubscribes: UnsubscribeService,
    private readonly optOuts: OptOutsRepository,
    private readonly topicOptOuts: TopicOptOutsRepository,
    private readonly events: SubscriptionEventsService,
  ) {}

  async show(token: string, saved = false): Promise<PreferencesAnswer> {
    const link = await this.unsubscribes.linkOf(token);
    if (link.kind !== 'valid') return link;
    const { target, workspace } = link;
    const subscriptions = await this.optOuts.forCustomer(target.workspaceId, target.customerId);
    return {
      kind: 'preferences',
      page: {
        workspace,
        token,
        email: subscriptions.email.status === 'subscribed',
        topics: subscriptions.topics,
        saved,
      },
    };
  }

  async save(token: string, choice: PreferencesChoice): Promise<PreferencesAnswer> {
    const link = await this.unsubscribes.linkOf(token);
    if (link.kind !== 'valid') return link;
    const { workspaceId, customerId, message } = link.target;
    const now = await this.optOuts.forCustomer(workspaceId, customerId, this.db);
    const changes: SubscriptionChange[] = [];
    const change = (subscribed: boolean, topic?: { id: string; name: string }) =>
      changes.push({
        subscribed,
        channel: 'email',
        source: 'link',
        ...(topic ? { topic } : {}),
        ...(message && !subscribed ? { step: message } : {}),
      });
    const emailOn = now.email.status === 'subscribed';
    if (
      choice.email &&
      !emailOn &&
      (await this.optOuts.resubscribe(workspaceId, customerId, 'email'))
    )
      change(true);
    if (
      !choice.email &&
      emailOn &&
      (await this.optOuts.optOut(workspaceId, customerId, 'email', 'link', message))
    )
      change(false);
    for (const topic of now.topics) {
      const on = topic.status === 'subscribed';
      const wanted = choice.topics.has(topic.topicId);
      const named = { id: topic.topicId, name: topic.name };
      if (
        wanted &&
        !on &&
        (await this.topicOptOuts.resubscribe(workspaceId, customerId, topic.topicId))
      )
        change(true, named);
      if (
        !wanted &&
        on &&
        (await this.topicOptOuts.optOut(workspaceId, customerId, topic.topicId, 'link', message))
      )
        change(false, named);
    }
    await this.events.record(workspaceId, customerId, changes);
    return this.show(token);
  }
}
