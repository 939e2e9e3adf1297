import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  type BatchBody,
  batchBodySchema,
  type IdentifyMessage,
  identifyMessageSchema,
  type TrackMessage,
  trackMessageSchema,
} from '@switchyard/contracts';
import { RequireRole } from '../auth/require-role.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import { IngestBodyPipe } from './ingest-body.pipe.js';
import { IngestService } from './ingest.service.js';
import { isCertainlyValidBatch, isCertainlyValidMessage } from './message-check.util.js';

/** The hot path's bodies: the allocation-free check, zod only to name what is wrong. */
const certainly = {
  identify: (value: unknown) => isCertainlyValidMessage(value, 'identify'),
  track: (value: unknown) => isCertainlyValidMessage(value, 'track'),
};

/** Segment's HTTP Tracking API: answers `{"success": true}` like Segment does. */
/** For API keys (`ingest` or `admin`); a signed-in person needs the owner role. */
@RequireRole('owner')
@Controller('v1')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @Post('identify')
  @HttpCode(200)
  async identify(
    @WorkspaceId() workspaceId: string,
    @Body(new IngestBodyPipe(identifyMessageSchema, certainly.identify)) body: IdentifyMessage,
  ): Promise<{ success: true }> {
    await this.ingest.ingest(workspaceId, [{ ...body, type: 'identify' }], null);
    return { success: true };
  }

  @Post('track')
  @HttpCode(200)
  async track(
    @WorkspaceId() workspaceId: string,
    @Body(new IngestBodyPipe(trackMessageSchema, certainly.track)) body: TrackMessage,
  ): Promise<{ success: true }> {
    await this.ingest.ingest(workspaceId, [{ ...body, type: 'track' }], null);
    return { success: true };
  }

  @Post('batch')
  @HttpCode(200)
  async batch(
    @WorkspaceId() workspaceId: string,
    @Body(new IngestBodyPipe(batchBodySchema, isCertainlyValidBatch)) body: BatchBody,
  ): Promise<{ success: true }> {
    await this.ingest.ingest(workspaceId, body.batch, 'batch');
    return { success: true };
  }
}
