import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module.js';
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
 * marketer's API, SMS replies; each change is also recorded as the customer's event
 * (through ingest, which is why this is not SubscriptionsModule: the engine reads that one,
 * and ingest needs the engine).
 */
@Module({
  imports: [SubscriptionsModule, IngestModule],
  controllers: [
    UnsubscribeController,
    SubscriptionsController,
    SubscriptionTopicsController,
    SmsInboundController,
  ],
  providers: [UnsubscribeService, PreferenceCenterService, SubscriptionEventsService],
})
export class SubscriptionsApiModule {}
