import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.service.js';
import { RecommendationsRefreshProcessor } from './recommendations-refresh.processor.js';
import { RecommendationsModule } from './recommendations.module.js';

/** The scheduled refresh of the association rules, in processes that run `worker`. */
@Module({})
export class RecommendationsWorkersModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: RecommendationsWorkersModule,
      imports: [RecommendationsModule],
      providers: config.runsWorkers ? [RecommendationsRefreshProcessor] : [],
    };
  }
}
