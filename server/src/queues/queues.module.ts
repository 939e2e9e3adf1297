import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.service.js';
import { ALL_QUEUES } from './queue-names.js';
import { RedisService } from './redis.provider.js';

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // An instance, not options: BullMQ cannot require() ioredis from ESM; workers
        // duplicate it for their blocking connection.
        connection: new Redis(config.values.REDIS_URL, { maxRetriesPerRequest: null }),
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
