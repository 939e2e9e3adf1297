import { Module } from '@nestjs/common';
import { EmailTransportService } from './email-transport.service.js';
import { OutboxDeliveryService } from './outbox-delivery.service.js';
import { OutboxDispatcherService } from './outbox-dispatcher.service.js';
import { OutboxRepository } from './outbox.repository.js';

/** Outbox writing, dispatching and delivery. The worker lives in EngineWorkersModule. */
@Module({
  providers: [
    EmailTransportService,
    OutboxDeliveryService,
    OutboxDispatcherService,
    OutboxRepository,
  ],
  exports: [OutboxDeliveryService, OutboxDispatcherService, OutboxRepository],
})
export class ChannelsModule {}
