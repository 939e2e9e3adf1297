import { Module } from '@nestjs/common';
import { DirtyCustomersService } from '../segments/realtime/dirty-customers.service.js';
import { IngestController } from './ingest.controller.js';
import { IngestService } from './ingest.service.js';

/**
 * DirtyCustomersService is provided here as well: its dependencies (RedisService,
 * AppConfig, the segment-evaluation queue) are global and it holds no state of its own.
 */
@Module({
  controllers: [IngestController],
  providers: [IngestService, DirtyCustomersService],
  exports: [IngestService],
})
export class IngestModule {}
