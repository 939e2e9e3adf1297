import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  createJourneyBodySchema,
  journeyStatsQuerySchema,
  journeyWalkBodySchema,
  stepPreviewBodySchema,
  stepTestSendBodySchema,
  type JourneyWalk,
  type JourneyWalkBody,
  type StepPreview,
  type StepPreviewBody,
  type StepTestSend,
  type StepTestSendBody,
  updateJourneyBodySchema,
  type JourneyStatsQuery,
  type JourneyVersionDetail,
  type CreateJourneyBody,
  type JourneyListItem,
  type JourneyStats,
  type JourneyView,
  type UpdateJourneyBody,
} from '@switchyard/contracts';
import { z } from 'zod';
import { Audited, resultSummary } from '../audit/audited.decorator.js';
import { RequireRole } from '../auth/require-role.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import { StepPreviewService } from '../engine/step-preview.service.js';
import { StepTestSendService } from '../engine/step-test-send.service.js';
import { destinationOf } from '../engine/step-test-send.util.js';
import { ZodValidationPipe, zodBody, zodQuery } from '../common/zod-validation.pipe.js';
import { type DeletedJourney, JourneyDeletionService } from './journey-deletion.service.js';
import { JourneyLifecycleService } from './journey-lifecycle.service.js';
import { JourneyVersionsService } from './journey-versions.service.js';
import { JourneyPublishService } from './journey-publish.service.js';
import { JourneyStatsService } from './journey-stats.service.js';
import { JourneysService } from './journeys.service.js';

const journeyId = new ZodValidationPipe(z.uuid('must be a journey id (uuid)'), 'id');
const versionId = new ZodValidationPipe(z.uuid('must be a version id (uuid)'), 'versionId');

@Controller('api/journeys')
export class JourneysController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly publisher: JourneyPublishService,
    private readonly statistics: JourneyStatsService,
    private readonly lifecycle: JourneyLifecycleService,
    private readonly versions: JourneyVersionsService,
    private readonly deletions: JourneyDeletionService,
    private readonly previews: StepPreviewService,
    private readonly testSends: StepTestSendService,
  ) {}

  @Get()
  list(@WorkspaceId() workspaceId: string): Promise<JourneyListItem[]> {
    return this.journeys.list(workspaceId);
  }

  @Post()
  create(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(createJourneyBodySchema)) body: CreateJourneyBody,
  ): Promise<JourneyView> {
    return this.journeys.create(workspaceId, body);
  }

  @Get(':id')
  get(
    @WorkspaceId() workspaceId: string,
    @Param('id', journeyId) id: string,
  ): Promise<JourneyView> {
    return this.journeys.get(workspaceId, id);
  }

  @Patch(':id')
  update(
    @WorkspaceId() workspaceId: string,
    @Param('id', journeyId) id: string,
    @Body(zodBody(updateJourneyBodySchema)) body: UpdateJourneyBody,
  ): Promise<JourneyView> {
    return this.journeys.update(workspaceId, id, body);
  }

  /** A draft or stopped journey (409 otherwise, naming why); 204, nothing in the answer. */
  @Delete(':id')
  @HttpCode(204)
  @Audited({
    action: 'journey.deleted',
    targetType: 'journey',
    details: resultSummary,
    withholdResult: true,
  })
  remove(
    @WorkspaceId() workspaceId: string,
    @Param('id', journeyId) id: string,
  ): Promise<DeletedJourney> {
    return this.deletions.remove(workspaceId, id);
  }

  @Post(':id/publish')
  @Audited({ action: 'journey.published', targetType: 'journey', details: resultSummary })
  publish(
    @WorkspaceId() workspaceId: string,
    @Param('id', journeyId) id: string,
  ): Promise<JourneyView> {
    return this.publisher.publish(workspaceId, id);
  }

  /** A dry run of one step for a customer: reads only (a read-only transaction), so viewers may. */
  @RequireRole('viewer')
  @Post(':id/preview-step')
  @HttpCode(200)
  previewStep(
    @WorkspaceId() workspaceId: string,
    @Param('id', journeyId) id: string,
    @Body(zodBody(stepPreviewBodySchema)) body: StepPreviewBody,
  ): Promise<StepPreview> {
    return this.previews.preview(workspaceId, id, body);
  }

  /** The whole journey walked for a customer as a dry run: reads only, so viewers may. */
  @RequireRole('viewer')
  @Post(':id/preview-run')
  @HttpCode(200)
  previewRun(
    @WorkspaceId() workspaceId: string,
    @Param('id', journeyId) id: string,
    @Body(zodBody(journeyWalkBodySchema)) body: JourneyWalkBody,
  ): Promise<JourneyWalk> {
    return this.previews.walk(workspaceId, id, body);
  }

  /** The messages a step would send a customer, sent now as a test (see StepTestSendService). */
  @Post(':id/test-send')
  @HttpCode(200)
  @Audited({
    action: 'journey.test_sent',
    targetType: 'journey',
    details: ({ body, result }) => ({
      nodeId: (body as StepTestSendBody).node.id,
      to: (result as StepTestSend).sent.map(destinationOf).join(', '),
      customer: (result as StepTestSend).customer.externalId,
    }),
  })
  testSend(
    @WorkspaceId() workspaceId: string,
    @Param('id', journeyId) id: string,
    @Body(zodBody(stepTestSendBodySchema)) body: StepTestSendBody,
  ): Promise<StepTestSend> {
    return this.testSends.send(workspaceId, id, body);
  }

  @Post(':id/pause')
  @Audited({ action: 'journey.paused', targetType: 'journey', details: resultSummary })
  pause(
    @WorkspaceId() workspaceId: string,
    @Param('id', journeyId) id: string,
  ): Promise<JourneyView> {
    return this.lifecycle.change(workspaceId, id, 'pause');
  }

  @Post(':id/resume')
  @Audited({ action: 'journey.resumed', targetType: 'journey', details: resultSummary })
  resume(
    @WorkspaceId() workspaceId: string,
    @Param('id', journeyId) id: string,
  ): Promise<JourneyView> {
    return this.lifecycle.change(workspaceId, id, 'resume');
  }

  @Post(':id/stop')
  @Audited({ action: 'journey.stopped', targetType: 'journey', details: resultSummary })
  stop(
    @WorkspaceId() workspaceId: string,
    @Param('id', journeyId) id: string,
  ): Promise<JourneyView> {
    return this.lifecycle.change(workspaceId, id, 'stop');
  }

  @Get(':id/versions')
  versionList(
    @WorkspaceId() workspaceId: string,
    @Param('id', journeyId) id: string,
  ): Promise<JourneyVersionDetail[]> {
    return this.versions.list(workspaceId, id);
  }

  @Post(':id/versions/:versionId/restore')
  restore(
    @WorkspaceId() workspaceId: string,
    @Param('id', journeyId) id: string,
    @Param('versionId', versionId) version: string,
  ): Promise<JourneyView> {
    return this.versions.restore(workspaceId, id, version);
  }

  @Get(':id/stats')
  stats(
    @WorkspaceId() workspaceId: string,
    @Param('id', journeyId) id: string,
    @Query(zodQuery(journeyStatsQuerySchema)) query: JourneyStatsQuery,
  ): Promise<JourneyStats> {
    return this.statistics.stats(workspaceId, id, query.versionId);
  }
}
