import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  type CampaignPreview,
  campaignPreviewQuerySchema,
  type CampaignStats,
  type CampaignTemplateView,
  type CampaignView,
  type CreateCampaignBody,
  createCampaignBodySchema,
  type UpdateCampaignBody,
  updateCampaignBodySchema,
} from '@switchyard/contracts';
import { z } from 'zod';
import { Audited, resultSummary } from '../audit/audited.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import { zodBody, zodQuery, ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { CampaignDeletionService, type DeletedCampaign } from './campaign-deletion.service.js';
import { campaignTemplates } from './campaign-library.js';
import { CampaignLaunchService } from './campaign-launch.service.js';
import { CampaignsService } from './campaigns.service.js';

const campaignId = new ZodValidationPipe(z.uuid('must be a campaign id (uuid)'), 'id');

@Controller('api')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly launches: CampaignLaunchService,
    private readonly deletions: CampaignDeletionService,
  ) {}

  /** The content library: every kind of movement in every tone. */
  @Get('campaign-templates')
  templates(): CampaignTemplateView[] {
    return campaignTemplates();
  }

  @Get('campaigns')
  list(@WorkspaceId() workspaceId: string): Promise<CampaignView[]> {
    return this.campaigns.list(workspaceId);
  }

  @Post('campaigns')
  create(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(createCampaignBodySchema)) body: CreateCampaignBody,
  ): Promise<CampaignView> {
    return this.campaigns.create(workspaceId, body);
  }

  @Get('campaigns/:id')
  get(
    @WorkspaceId() workspaceId: string,
    @Param('id', campaignId) id: string,
  ): Promise<CampaignView> {
    return this.campaigns.get(workspaceId, id);
  }

  @Patch('campaigns/:id')
  update(
    @WorkspaceId() workspaceId: string,
    @Param('id', campaignId) id: string,
    @Body(zodBody(updateCampaignBodySchema)) body: UpdateCampaignBody,
  ): Promise<CampaignView> {
    return this.campaigns.update(workspaceId, id, body);
  }

  /**
   * A draft, or a launched campaign nobody is in the journey of any more (with that
   * journey); 409 otherwise, naming why. 204, nothing in the answer.
   */
  @Delete('campaigns/:id')
  @HttpCode(204)
  @Audited({
    action: 'campaign.deleted',
    targetType: 'campaign',
    details: resultSummary,
    withholdResult: true,
  })
  remove(
    @WorkspaceId() workspaceId: string,
    @Param('id', campaignId) id: string,
  ): Promise<DeletedCampaign> {
    return this.deletions.remove(workspaceId, id);
  }

  @Get('campaigns/:id/preview')
  preview(
    @WorkspaceId() workspaceId: string,
    @Param('id', campaignId) id: string,
    @Query(zodQuery(campaignPreviewQuerySchema)) query: z.output<typeof campaignPreviewQuerySchema>,
  ): Promise<CampaignPreview> {
    return this.campaigns.preview(workspaceId, id, query.customer);
  }

  @Post('campaigns/:id/launch')
  @HttpCode(200)
  @Audited({ action: 'campaign.launched', targetType: 'campaign', details: resultSummary })
  launch(
    @WorkspaceId() workspaceId: string,
    @Param('id', campaignId) id: string,
  ): Promise<CampaignView> {
    return this.launches.launch(workspaceId, id);
  }

  @Get('campaigns/:id/stats')
  stats(
    @WorkspaceId() workspaceId: string,
    @Param('id', campaignId) id: string,
  ): Promise<CampaignStats> {
    return this.launches.campaignStats(workspaceId, id);
  }
}
