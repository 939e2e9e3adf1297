import { Injectable } from '@nestjs/common';
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

  /** Applies the form; `saved` when it was a valid link (the page is then shown anew). */
  async save(
    token: string,
    choice: PreferencesChoice,
  ): Promise<{ kind: 'saved' } | { kind: 'preview' } | { kind: 'invalid' }> {
    const link = await this.unsubscribes.linkOf(token);
    if (link.kind !== 'valid') return link;
    const { workspaceId, customerId, message } = link.target;
    const now = await this.optOuts.forCustomer(workspaceId, customerId);
    const changes: SubscriptionChange[] = [];
    /** Turns one subscription to what was ticked; an event when that changed anything. */
    const apply = async (
      wanted: boolean,
      on: boolean,
      toggle: (subscribe: boolean) => Promise<boolean | null>,
      topic?: { id: string; name: string },
    ) => {
      if (wanted === on || !(await toggle(wanted))) return;
      changes.push({
        subscribed: wanted,
        channel: 'email',
        source: 'link',
        ...(topic ? { topic } : {}),
        ...(message && !wanted ? { step: message } : {}),
      });
    };
    await apply(choice.email, now.email.status === 'subscribed', (subscribe) =>
      subscribe
        ? this.optOuts.resubscribe(workspaceId, customerId, 'email')
        : this.optOuts.optOut(workspaceId, customerId, 'email', 'link', message),
    );
    for (const topic of now.topics)
      await apply(
        choice.topics.has(topic.topicId),
        topic.status === 'subscribed',
        (subscribe) =>
          subscribe
            ? this.topicOptOuts.resubscribe(workspaceId, customerId, topic.topicId)
            : this.topicOptOuts.optOut(workspaceId, customerId, topic.topicId, 'link', message),
        { id: topic.topicId, name: topic.name },
      );
    await this.events.record(workspaceId, customerId, changes);
    return { kind: 'saved' };
  }
}
