import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module.js';
import { EngagementController } from './engagement.controller.js';
import { EngagementModule } from './engagement.module.js';
import { EngagementService } from './engagement.service.js';

/**
 * Where opens and clicks arrive: the pixel and the tracked links. Apart from
 * EngagementModule because recording them goes through ingest, which needs the engine,
 * which writes the links.
 */
@Module({
  imports: [EngagementModule, IngestModule],
  controllers: [EngagementController],
  providers: [EngagementService],
})
export class EngagementApiModule {}
