import { Module } from '@nestjs/common';
import { SegmentsModule } from '../segments/segments.module.js';
import { IngestController } from './ingest.controller.js';
import { IngestService } from './ingest.service.js';

/** Segment-compatible ingest; stored events mark their customers dirty for real-time evaluation. */
@Module({
  imports: [SegmentsModule],
  controllers: [IngestController],
  providers: [IngestService],
  exports: [IngestService],
})
export class IngestModule {}
