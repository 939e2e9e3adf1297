import { Module } from '@nestjs/common';
import { ChannelsModule } from './channels.module.js';
import { OutboxDeliveryProcessor } from './outbox-delivery.processor.js';

/**
 * The outbox delivery worker on its own, for processes that run the `sender` role
 * (`ROLE=sender`, `api,sender`, `all` ...). It needs nothing of the journey engine.
 * Register it once per process: not together with another module that also provides
 * OutboxDeliveryProcessor.
 */
@Module({
  imports: [ChannelsModule],
  providers: [OutboxDeliveryProcessor],
})
export class ChannelWorkersModule {}
