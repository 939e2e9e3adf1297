import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  type BatchBody,
  batchBodySchema,
  type IdentifyMessage,
  identifyMessageSchema,
  type TrackMessage,
  trackMessageSchema,
} from '@switchyard/contracts';
import { WorkspaceId } from '../common/request-context.js';
import { zodBody } from '../common/zod-validation.pipe.js';
import { IngestService } from './ingest.service.js';

/** Segment's HTTP Tracking API: answers `{"success": true}` like Segment does. */
@Controller('v1')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @Post('identify')
  @HttpCode(200)
  async identify(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(identifyMessageSchema)) body: IdentifyMessage,
  ): Promise<{ success: true }> {
    await this.ingest.ingest(workspaceId, [{ ...body, type: 'identify' }], null);
    return { success: true };
  }

  @Post('track')
  @HttpCode(200)
  async track(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(trackMessageSchema)) body: TrackMessage,
  ): Promise<{ success: true }> {
    await this.ingest.ingest(workspaceId, [{ ...body, type: 'track' }], null);
    return { success: true };
  }

  @Post('batch')
  @HttpCode(200)
  async batch(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(batchBodySchema)) body: BatchBody,
  ): Promise<{ success: true }> {
    await this.ingest.ingest(workspaceId, body.batch, 'batch');
    return { success: true };
  }
}
