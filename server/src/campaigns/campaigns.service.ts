import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import type {
  CampaignKind,
  CampaignPreview,
  CampaignView,
  CreateCampaignBody,
  MovementSelection,
  UpdateCampaignBody,
} from '@switchyard/contracts';
import { AudiencesService } from '../audiences/audiences.service.js';
import { TemplateService } from '../content/template.service.js';
import { groupBuckets } from '../segment-groups/segment-group-view.mapper.js';
import { SegmentGroupsService } from '../segment-groups/segment-groups.service.js';
import { campaignContent, type MovementEnd, suggestKind } from './campaign-library.js';
import { SubscriptionTopicsRepository } from '../subscriptions/subscription-topics.repository.js';
import { CampaignPreviewService } from './campaign-preview.service.js';
import { type CampaignChanges, CampaignsRepository, noSuchTopic } from './campaigns.repository.js';

const CONTENT_FIELDS = ['subject', 'preheader', 'html', 'text'] as const;

/** Drafts: generated from the library for the movement, edited, previewed for real members. */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly audiences: AudiencesService,
    private readonly groups: SegmentGroupsService,
    private readonly templates: TemplateService,
    private readonly previews: CampaignPreviewService,
    private readonly topics: SubscriptionTopicsRepository,
  ) {}

  list(workspaceId: string): Promise<CampaignView[]> {
    return this.campaigns.list(workspaceId);
  }

  get(workspaceId: string, id: string): Promise<CampaignView> {
    return this.campaigns.get(workspaceId, id);
  }

  async create(workspaceId: string, body: CreateCampaignBody): Promise<CampaignView> {
    let audienceId = body.audienceId;
    let kind: CampaignKind = body.kind ?? 'cross_sell';
    if (body.movement) {
      if (!body.kind) kind = await this.kindFor(workspaceId, body.movement);
      const audience = await this.audiences.create(workspaceId, {
        name: body.name,
        movement: body.movement,
      });
      audienceId = audience.id;
    } else if (audienceId) {
      await this.audiences.get(workspaceId, audienceId);
    }
    if (!audienceId) throw new Error('a campaign needs an audience');
    const tone = body.tone ?? 'friendly';
    const id = await this.campaigns.insert(workspaceId, {
      name: body.name,
      kind,
      tone,
      audienceId,
      ...campaignContent(kind, tone),
    });
    return this.campaigns.get(workspaceId, id);
  }

  async update(workspaceId: string, id: string, body: UpdateCampaignBody): Promise<CampaignView> {
    const current = await this.campaigns.get(workspaceId, id);
    if (current.status !== 'draft')
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: 'the campaign is launched: its content can no longer change',
      });
    const changes: CampaignChanges = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.kind !== undefined ? { kind: body.kind } : {}),
      ...(body.tone !== undefined ? { tone: body.tone } : {}),
      ...(body.holdoutPercent !== undefined ? { holdoutPercent: body.holdoutPercent } : {}),
    };
    if (body.topicId !== undefined) {
      if (body.topicId !== null && !(await this.topics.exists(workspaceId, body.topicId)))
        throw noSuchTopic();
      changes.topicId = body.topicId;
    }
    if (body.regenerate)
      Object.assign(changes, campaignContent(body.kind ?? current.kind, body.tone ?? current.tone));
    for (const field of CONTENT_FIELDS) {
      const source = body[field];
      if (source === undefined) continue;
      const problem = this.templates.check(source);
      if (problem)
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          // problem.message starts with "line N, column M: ".
          message: `${field}: ${problem.message}`,
          issues: [{ field, message: problem.message }],
        });
      changes[field] = source;
    }
    await this.campaigns.update(workspaceId, id, changes);
    return this.campaigns.get(workspaceId, id);
  }

  async preview(workspaceId: string, id: string, customer?: string): Promise<CampaignPreview> {
    return this.previews.preview(await this.campaigns.get(workspaceId, id), workspaceId, customer);
  }

  /** The kind the movement calls for, from the buckets it starts and ends in. */
  private async kindFor(workspaceId: string, movement: MovementSelection): Promise<CampaignKind> {
    const buckets = groupBuckets(await this.groups.get(workspaceId, movement.groupId));
    const end = (index: number | null | undefined): MovementEnd | null => {
      if (index === null || index === undefined) return null;
      const bucket = buckets.find((b) => b.index === index);
      return bucket ? { label: bucket.label, growthIsGood: bucket.growthIsGood } : null;
    };
    const from = movement.fromBuckets?.length === 1 ? end(movement.fromBuckets[0]) : null;
    const to = movement.toBuckets?.length === 1 ? end(movement.toBuckets[0]) : null;
    if (movement.fromBuckets?.length === 1 && movement.fromBuckets[0] === null)
      return suggestKind(null, to);
    return suggestKind(from ?? to, to);
  }
}
