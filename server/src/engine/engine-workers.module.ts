import { type DynamicModule, Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module.js';
import { OutboxDeliveryProcessor } from '../channels/outbox-delivery.processor.js';
import type { AppConfig } from '../config/app-config.service.js';
import { EngineModule } from './engine.module.js';
import { JourneyStepProcessor } from './journey-step.processor.js';
import { ReconcileProcessor } from './reconcile.processor.js';
import { JourneyTriggerProcessor } from './triggers/journey-trigger.processor.js';

/**
 * Queue workers: journey steps and the reconciler when the process runs `worker`, outbox
 * delivery when it runs `sender` (ROLE=all runs both). On shutdown each worker stops taking jobs and
 * waits for the running ones (`app.enableShutdownHooks()` in main.ts).
 */
@Module({})
export class EngineWorkersModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: EngineWorkersModule,
      imports: [EngineModule, ChannelsModule],
      providers: [
        ...(config.runsWorkers
          ? [JourneyStepProcessor, ReconcileProcessor, JourneyTriggerProcessor]
          : []),
        ...(config.runsSender ? [OutboxDeliveryProcessor] : []),
      ],
    };
  }
}
