import { Module } from '@nestjs/common';
import { EngineModule } from '../engine/engine.module.js';
import { SegmentsModule } from '../segments/segments.module.js';
import { IngestController } from './ingest.controller.js';
import { IngestService } from './ingest.service.js';

/** Segment-compatible ingest; stored events mark their customers dirty for real-time evaluation. */
@Module({
  imports: [SegmentsModule, EngineModule],
  controllers: [IngestController],
  providers: [IngestService],
  exports: [IngestService],
})
export class IngestModule {}
