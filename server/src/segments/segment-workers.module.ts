import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.service.js';
import { SegmentEvaluationProcessor } from './realtime/segment-evaluation.processor.js';
import { SegmentsModule } from './segments.module.js';

/** The real-time and scheduled evaluation worker: only when the process runs workers. */
@Module({})
export class SegmentWorkersModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: SegmentWorkersModule,
      imports: [SegmentsModule],
      providers: config.runsWorkers ? [SegmentEvaluationProcessor] : [],
    };
  }
}
