import { Module } from '@nestjs/common';
import { AudiencesModule } from '../audiences/audiences.module.js';
import { ContentModule } from '../content/content.module.js';
import { EngineModule } from '../engine/engine.module.js';
import { JourneysModule } from '../journeys/journeys.module.js';
import { RecommendationsModule } from '../recommendations/recommendations.module.js';
import { SegmentGroupsModule } from '../segment-groups/segment-groups.module.js';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module.js';
import { CampaignDeletionService } from './campaign-deletion.service.js';
import { CampaignLaunchService } from './campaign-launch.service.js';
import { CampaignPreviewService } from './campaign-preview.service.js';
import { CampaignsController } from './campaigns.controller.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { CampaignsService } from './campaigns.service.js';

/** Campaigns: generated content for an audience or a movement, launched through a journey. */
@Module({
  imports: [
    AudiencesModule,
    ContentModule,
    EngineModule,
    JourneysModule,
    RecommendationsModule,
    SegmentGroupsModule,
    SubscriptionsModule,
  ],
  controllers: [CampaignsController],
  providers: [
    CampaignsRepository,
    CampaignsService,
    CampaignPreviewService,
    CampaignLaunchService,
    CampaignDeletionService,
  ],
})
export class CampaignsModule {}
