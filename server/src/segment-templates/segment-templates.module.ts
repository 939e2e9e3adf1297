import { Module } from '@nestjs/common';
import { RecommendationsModule } from '../recommendations/recommendations.module.js';
import { SegmentGroupsModule } from '../segment-groups/segment-groups.module.js';
import { SegmentTemplatesController } from './segment-templates.controller.js';
import { SegmentTemplatesService } from './segment-templates.service.js';

/** Built-in segment and group templates. */
@Module({
  imports: [SegmentGroupsModule, RecommendationsModule],
  controllers: [SegmentTemplatesController],
  providers: [SegmentTemplatesService],
  exports: [SegmentTemplatesService],
})
export class SegmentTemplatesModule {}
