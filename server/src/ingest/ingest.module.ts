import { Module } from '@nestjs/common';
import { EngineModule } from '../engine/engine.module.js';
import { SegmentsModule } from '../segments/segments.module.js';
import { IngestFollowUpsService } from './ingest-follow-ups.service.js';
import { IngestWriterService } from './ingest-writer.service.js';
import { IngestController } from './ingest.controller.js';
import { IngestService } from './ingest.service.js';

/**
 * Segment-compatible ingest, group-committed; stored events mark their customers for
 * real-time evaluation in the same statement.
 */
@Module({
  imports: [SegmentsModule, EngineModule],
  controllers: [IngestController],
  providers: [IngestService, IngestWriterService, IngestFollowUpsService],
  exports: [IngestService],
})
export class IngestModule {}
