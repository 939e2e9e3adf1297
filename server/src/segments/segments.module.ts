import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EngineModule } from '../engine/engine.module.js';
import { JourneysModule } from '../journeys/journeys.module.js';
import { EvaluationsController } from './evaluation/evaluations.controller.js';
import { SegmentEvaluatorService } from './evaluation/segment-evaluator.service.js';
import { WorkspaceEvaluationService } from './evaluation/workspace-evaluation.service.js';
import { SegmentEntity } from './segment.entity.js';
import { SegmentsController } from './segments.controller.js';
import { SegmentPreviewService } from './preview/segment-preview.service.js';
import { SegmentsService } from './segments.service.js';

/** Segments, previews and evaluations; available in every role. */
@Module({
  imports: [TypeOrmModule.forFeature([SegmentEntity]), EngineModule, JourneysModule],
  controllers: [SegmentsController, EvaluationsController],
  providers: [
    SegmentsService,
    SegmentPreviewService,
    SegmentEvaluatorService,
    WorkspaceEvaluationService,
  ],
  // DirtyCustomersService is provided by EngineModule (steps mark customers dirty too).
  exports: [SegmentsService, WorkspaceEvaluationService, EngineModule],
})
export class SegmentsModule {}
