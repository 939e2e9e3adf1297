import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  createJourneyBodySchema,
  updateJourneyBodySchema,
  type CreateJourneyBody,
  type JourneyStats,
  type JourneyView,
  type UpdateJourneyBody,
} from '@switchyard/contracts';
import { z } from 'zod';
import { WorkspaceId } from '../common/request-context.js';
import { ZodValidationPipe, zodBody } from '../common/zod-validation.pipe.js';
import { JourneyPublishService } from './journey-publish.service.js';
import { JourneyStatsService } from './journey-stats.service.js';
import { JourneysService } from './journeys.service.js';

const journeyId = new ZodValidationPipe(z.uuid('must be a journey id (uuid)'), 'id');

@Controller('api/journeys')
export class JourneysController {
  constructor(
    private readonly journeys: JourneysService,
    private readonly publisher: JourneyPublishService,
    private readonly statistics: JourneyStatsService,
  ) {}

  @Get()
  list(@WorkspaceId() workspaceId: string): Promise<JourneyView[]> {
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

  @Post(':id/publish')
  publish(
    @WorkspaceId() workspaceId: string,
    @Param('id', journeyId) id: string,
  ): Promise<JourneyView> {
    return this.publisher.publish(workspaceId, id);
  }

  @Get(':id/stats')
  stats(
    @WorkspaceId() workspaceId: string,
    @Param('id', journeyId) id: string,
  ): Promise<JourneyStats> {
    return this.statistics.stats(workspaceId, id);
  }
}
