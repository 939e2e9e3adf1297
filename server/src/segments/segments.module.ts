import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EngineModule } from '../engine/engine.module.js';
import { EvaluationsController } from './evaluation/evaluations.controller.js';
import { SegmentEvaluatorService } from './evaluation/segment-evaluator.service.js';
import { WorkspaceEvaluationService } from './evaluation/workspace-evaluation.service.js';
import { DirtyCustomersService } from './realtime/dirty-customers.service.js';
import { SegmentEvaluationProcessor } from './realtime/segment-evaluation.processor.js';
import { SegmentEntity } from './segment.entity.js';
import { SegmentsController } from './segments.controller.js';
import { SegmentsService } from './segments.service.js';

@Module({})
export class SegmentsModule {
  static register(options: { runsWorkers: boolean }): DynamicModule {
    return {
      module: SegmentsModule,
      imports: [TypeOrmModule.forFeature([SegmentEntity]), EngineModule],
      controllers: [SegmentsController, EvaluationsController],
      providers: [
        SegmentsService,
        SegmentEvaluatorService,
        WorkspaceEvaluationService,
        DirtyCustomersService,
        ...(options.runsWorkers ? [SegmentEvaluationProcessor] : []),
      ],
      exports: [SegmentsService, WorkspaceEvaluationService, DirtyCustomersService],
    };
  }
}
