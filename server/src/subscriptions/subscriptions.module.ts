import { Module } from '@nestjs/common';
import { OptOutsRepository } from './opt-outs.repository.js';
import { SubscriptionTopicsRepository } from './subscription-topics.repository.js';
import { TopicOptOutsRepository } from './topic-opt-outs.repository.js';
import { UnsubscribeLinks } from './unsubscribe-links.service.js';

/**
 * Marketing subscriptions as the engine and campaigns read them: opt-outs per channel and
 * per topic, the topics, and the signed unsubscribe links. What customers and marketers
 * change them through is SubscriptionsApiModule.
 */
@Module({
  providers: [
    OptOutsRepository,
    TopicOptOutsRepository,
    SubscriptionTopicsRepository,
    UnsubscribeLinks,
  ],
  exports: [
    OptOutsRepository,
    TopicOptOutsRepository,
    SubscriptionTopicsRepository,
    UnsubscribeLinks,
  ],
})
export class SubscriptionsModule {}
