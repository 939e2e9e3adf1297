import { Module } from '@nestjs/common';
import { OptOutsRepository } from './opt-outs.repository.js';
import { PreferenceCenterService } from './preference-center.service.js';
import { SmsInboundController } from './sms-inbound.controller.js';
import { SubscriptionTopicsController } from './subscription-topics.controller.js';
import { SubscriptionTopicsRepository } from './subscription-topics.repository.js';
import { SubscriptionsController } from './subscriptions.controller.js';
import { TopicOptOutsRepository } from './topic-opt-outs.repository.js';
import { UnsubscribeLinks } from './unsubscribe-links.service.js';
import { UnsubscribeController } from './unsubscribe.controller.js';
import { UnsubscribeService } from './unsubscribe.service.js';

/**
 * Marketing subscriptions: per channel and per topic; unsubscribe links and their public
 * page, the API a marketer uses, and the opt-outs the engine checks before it sends.
 */
@Module({
  controllers: [
    UnsubscribeController,
    SubscriptionsController,
    SubscriptionTopicsController,
    SmsInboundController,
  ],
  providers: [
    OptOutsRepository,
    TopicOptOutsRepository,
    SubscriptionTopicsRepository,
    UnsubscribeLinks,
    UnsubscribeService,
    PreferenceCenterService,
  ],
  exports: [
    OptOutsRepository,
    TopicOptOutsRepository,
    SubscriptionTopicsRepository,
    UnsubscribeLinks,
  ],
})
export class SubscriptionsModule {}
