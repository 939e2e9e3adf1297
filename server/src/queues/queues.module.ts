import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service.js';
import { JobContextWorker } from '../logging/job-context.worker.js';
import { ALL_QUEUES } from './queue-names.js';
import { createRedisConnection } from './redis-connection.js';
import { RedisService } from './redis.provider.js';

// Every @Processor runs its jobs with queue and job id in their log lines, and timed.
BullModule.workerClass = JobContextWorker;

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // An instance, not options: BullMQ cannot require() ioredis from ESM; workers
        // duplicate it for their blocking connection.
        connection: createRedisConnection(config.values, { maxRetriesPerRequest: null }),
        prefix: config.values.REDIS_PREFIX,
        defaultJobOptions: {
          attempts: 8,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 3600, count: 10_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [RedisService],
  exports: [BullModule, RedisService],
})
export class QueuesModule {}
