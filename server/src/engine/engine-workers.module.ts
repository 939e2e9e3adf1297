import { type DynamicModule, Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module.js';
import { OutboxDeliveryProcessor } from '../channels/outbox-delivery.processor.js';
import type { AppConfig } from '../config/app-config.service.js';
import { EngineModule } from './engine.module.js';
import { JourneyStepProcessor } from './journey-step.processor.js';
import { ReconcileProcessor } from './reconcile.processor.js';

/**
 * Queue workers for journey steps, outbox delivery and the reconciler: only when the
 * process runs workers (ROLE=all|worker). On shutdown each worker stops taking jobs and
 * waits for the running ones (`app.enableShutdownHooks()` in main.ts).
 */
@Module({})
export class EngineWorkersModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: EngineWorkersModule,
      imports: [EngineModule, ChannelsModule],
      providers: config.runsWorkers
        ? [JourneyStepProcessor, OutboxDeliveryProcessor, ReconcileProcessor]
        : [],
    };
  }
}
