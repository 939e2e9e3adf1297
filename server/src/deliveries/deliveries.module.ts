import { Module } from '@nestjs/common';
import { ActionsModule } from '../actions/actions.module.js';
import { EngineModule } from '../engine/engine.module.js';
import { ChannelsModule } from '../channels/channels.module.js';
import { EmailSuppressionsController } from './email-suppressions.controller.js';
import { DeliveriesController } from './deliveries.controller.js';
import { DeliveriesService } from './deliveries.service.js';

/** The Deliveries page's API: failed and waiting messages, and sending failed ones again. */
@Module({
  imports: [ActionsModule, ChannelsModule, EngineModule],
  controllers: [DeliveriesController, EmailSuppressionsController],
  providers: [DeliveriesService],
})
export class DeliveriesModule {}
