import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { QueueDepthCollector } from './queue-depth.collector.js';

/** `/metrics` (every role) and the queue depth gauges read from BullMQ when scraped. */
@Module({
  controllers: [MetricsController],
  providers: [QueueDepthCollector],
})
export class MetricsModule {}
