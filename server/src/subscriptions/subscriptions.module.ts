import { Module } from '@nestjs/common';
import { OptOutsRepository } from './opt-outs.repository.js';
import { SmsInboundController } from './sms-inbound.controller.js';
import { SubscriptionsController } from './subscriptions.controller.js';
import { UnsubscribeLinks } from './unsubscribe-links.service.js';
import { UnsubscribeController } from './unsubscribe.controller.js';
import { UnsubscribeService } from './unsubscribe.service.js';

/**
 * Marketing subscriptions: unsubscribe links and their public page, the API a marketer
 * uses, and the opt-outs the engine checks before it sends.
 */
@Module({
  controllers: [UnsubscribeController, SubscriptionsController, SmsInboundController],
  providers: [OptOutsRepository, UnsubscribeLinks, UnsubscribeService],
  exports: [OptOutsRepository, UnsubscribeLinks],
})
export class SubscriptionsModule {}
