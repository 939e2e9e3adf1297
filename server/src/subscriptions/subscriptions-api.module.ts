import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module.js';
import { IngestModule } from '../ingest/ingest.module.js';
import { EmailComplaintsRepository } from './email-complaints.repository.js';
import { EmailFeedbackController } from './email-feedback.controller.js';
import { EmailFeedbackService } from './email-feedback.service.js';
import { PreferenceCenterService } from './preference-center.service.js';
import { SmsInboundController } from './sms-inbound.controller.js';
import { SubscriptionEventsService } from './subscription-events.service.js';
import { SubscriptionTopicsController } from './subscription-topics.controller.js';
import { SubscriptionsController } from './subscriptions.controller.js';
import { SubscriptionsModule } from './subscriptions.module.js';
import { UnsubscribeController } from './unsubscribe.controller.js';
import { UnsubscribeService } from './unsubscribe.service.js';

/**
 * Where subscriptions change: the unsubscribe link's page and preference center, the
 * marketer's API, SMS replies, e-mail providers' bounce and complaint reports; each change is also recorded as the customer's event
 * (through ingest, which is why this is not SubscriptionsModule: the engine reads that one,
 * and ingest needs the engine).
 */
@Module({
  imports: [SubscriptionsModule, IngestModule, ChannelsModule],
  controllers: [
    UnsubscribeController,
    SubscriptionsController,
    SubscriptionTopicsController,
    SmsInboundController,
    EmailFeedbackController,
  ],
  providers: [
    UnsubscribeService,
    PreferenceCenterService,
    SubscriptionEventsService,
    EmailComplaintsRepository,
    EmailFeedbackService,
  ],
})
export class SubscriptionsApiModule {}
