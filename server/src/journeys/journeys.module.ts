import { Module } from '@nestjs/common';
import { ActionsModule } from '../actions/actions.module.js';
import { ContentModule } from '../content/content.module.js';
import { EngineModule } from '../engine/engine.module.js';
import { JourneyDeletionService } from './journey-deletion.service.js';
import { JourneyLifecycleService } from './journey-lifecycle.service.js';
import { JourneyVersionsService } from './journey-versions.service.js';
import { JourneyIssuesService } from './journey-issues.service.js';
import { JourneyPublishService } from './journey-publish.service.js';
import { JourneyStatsService } from './journey-stats.service.js';
import { JourneysController } from './journeys.controller.js';
import { JourneysService } from './journeys.service.js';

@Module({
  imports: [ActionsModule, ContentModule, EngineModule],
  controllers: [JourneysController],
  providers: [
    JourneysService,
    JourneyIssuesService,
    JourneyPublishService,
    JourneyStatsService,
    JourneyLifecycleService,
    JourneyVersionsService,
    JourneyDeletionService,
  ],
  exports: [
    JourneysService,
    JourneyPublishService,
    JourneyLifecycleService,
    JourneyStatsService,
    JourneyDeletionService,
  ],
})
export class JourneysModule {}
