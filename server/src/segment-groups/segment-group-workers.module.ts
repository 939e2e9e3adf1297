import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.service.js';
import { GroupBackfillProcessor } from './backfill/group-backfill.processor.js';
import { SegmentGroupsModule } from './segment-groups.module.js';

/** The backfill worker: only when the process runs workers (ROLE=all|worker). */
@Module({})
export class SegmentGroupWorkersModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: SegmentGroupWorkersModule,
      imports: [SegmentGroupsModule],
      providers: config.runsWorkers ? [GroupBackfillProcessor] : [],
    };
  }
}
