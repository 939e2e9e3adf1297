import { Module } from '@nestjs/common';
import { EmailSuppressionsRepository } from './email-suppressions.repository.js';
import { EmailTransportService } from './email-transport.service.js';
import { HttpDeliveryClient } from './http-delivery.client.js';
import { OutboxDeliveryService } from './outbox-delivery.service.js';
import { OutboxDispatcherService } from './outbox-dispatcher.service.js';
import { OutboxSendNowService } from './outbox-send-now.service.js';
import { SmsDeliveryService } from './sms-delivery.service.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';

/**
 * Outbox writing, dispatching and delivery (email, SMS, webhooks). Needs only the
 * database, the queues and AppConfig, so it works in any process role. The worker,
 * OutboxDeliveryProcessor, is registered where the process runs `sender`.
 */
@Module({
  providers: [
    EmailSuppressionsRepository,
    EmailTransportService,
    HttpDeliveryClient,
    SmsDeliveryService,
    WebhookDeliveryService,
    OutboxDeliveryService,
    OutboxDispatcherService,
    OutboxSendNowService,
  ],
  exports: [
    EmailSuppressionsRepository,
    EmailTransportService,
    OutboxDeliveryService,
    OutboxDispatcherService,
    OutboxSendNowService,
    HttpDeliveryClient,
    SmsDeliveryService,
    WebhookDeliveryService,
  ],
})
export class ChannelsModule {}
