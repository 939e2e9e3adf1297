import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import {
  type CreateSegmentBody,
  type Rule,
  type SegmentPreview,
  type SegmentView,
  type UpdateSegmentBody,
  describeIssues,
  segmentReferences,
} from '@switchyard/contracts';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { JourneyLifecycleService } from '../journeys/journey-lifecycle.service.js';
import { SegmentEntity } from './segment.entity.js';
import { SegmentPreviewService } from './preview/segment-preview.service.js';
import {
  type CandidateRule,
  type StoredSegmentRule,
  checkSegmentReferences,
  loadSegmentRules,
} from './segment-references.js';

const PALETTE = [
  '#4f6bed',
  '#e5484d',
  '#30a46c',
  '#f76b15',
  '#8e4ec6',
  '#0090ff',
  '#d6409f',
  '#ad7f58',
];

export function toSegmentView(s: SegmentEntity): SegmentView {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    color: s.color,
    rule: s.rule,
    memberCount: s.memberCount,
    evaluatedAsOf: s.evaluatedAsOf ? s.evaluatedAsOf.toISOString() : null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

@Injectable()
export class SegmentsService {
  constructor(
    @InjectRepository(SegmentEntity) private readonly segments: Repository<SegmentEntity>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly previews: SegmentPreviewService,
    private readonly lifecycle: JourneyLifecycleService,
  ) {}

  list(workspaceId: string): Promise<SegmentEntity[]> {
    return this.segments.find({ where: { workspaceId }, order: { createdAt: 'ASC' } });
  }

  async get(workspaceId: string, id: string): Promise<SegmentEntity> {
    const segment = await this.segments.findOne({ where: { id, workspaceId } });
    if (!segment)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `segment ${id} not found`,
      });
    return segment;
  }

  async create(workspaceId: string, body: CreateSegmentBody): Promise<SegmentEntity> {
    return this.db.transaction(async (em) => {
      const stored = await this.lockSegmentRules(em, workspaceId);
      assertReferences({ name: body.name, rule: body.rule }, stored);
      const repository = em.getRepository(SegmentEntity);
      const entity = repository.create({
        workspaceId,
        name: body.name,
        description: body.description ?? null,
        color: body.color ?? PALETTE[stored.length % PALETTE.length],
        rule: body.rule,
      });
      return repository.save(entity);
    });
  }

  /**
   * Changing the rule keeps memberships: the next evaluation diffs against them, so the
   * customers the new rule adds or drops produce transitions as usual.
   */
  async update(workspaceId: string, id: string, body: UpdateSegmentBody): Promise<SegmentEntity> {
    const segment = await this.get(workspaceId, id);
    if (body.name !== undefined) segment.name = body.name;
    if (body.description !== undefined) segment.description = body.description;
    if (body.color !== undefined) segment.color = body.color;
    if (body.rule === undefined) return this.segments.save(segment);
    const rule = body.rule;
    return this.db.transaction(async (em) => {
      const stored = await this.lockSegmentRules(em, workspaceId);
      assertReferences({ id, name: segment.name, rule }, stored);
      segment.rule = rule;
      return em.getRepository(SegmentEntity).save(segment);
    });
  }

  /**
   * Refused (409) while other segments refer to it. Journeys whose trigger reads it are
   * paused with the reason (visible in the editor) instead of failing later.
   */
  async remove(workspaceId: string, id: string): Promise<void> {
    const segment = await this.get(workspaceId, id);
    const paused = await this.db.transaction(async (em) => {
      const referrers = (await this.lockSegmentRules(em, workspaceId)).filter(
        (s) => s.id !== id && segmentReferences(s.rule).some((ref) => ref.segment === id),
      );
      if (referrers.length > 0)
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `segment is used by segments ${referrers.map((s) => JSON.stringify(s.name)).join(', ')}; remove those references first`,
        });
      const groups = (await em.query(
        `SELECT DISTINCT g.name FROM segment_group_members m JOIN segment_groups g ON g.id = m.group_id
          WHERE m.segment_id = $1 AND g.workspace_id = $2 ORDER BY g.name`,
        [id, workspaceId],
      )) as { name: string }[];
      if (groups.length > 0)
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `segment is a member of segment groups ${groups.map((g) => JSON.stringify(g.name)).join(', ')}; remove it from them first`,
        });
      const journeys = await this.lifecycle.pauseForDeletedSegment(
        em,
        workspaceId,
        id,
        segment.name,
      );
      await em.getRepository(SegmentEntity).delete({ id, workspaceId });
      return journeys;
    });
    await this.lifecycle.syncSchedules(paused);
  }

  /**
   * The workspace's segment rules, read under a per-workspace lock held until the
   * transaction ends, so two concurrent edits cannot build a cycle between them.
   */
  private async lockSegmentRules(
    em: EntityManager,
    workspaceId: string,
  ): Promise<StoredSegmentRule[]> {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`segments:${workspaceId}`]);
    return loadSegmentRules(em, workspaceId);
  }

  /** Count and sample of a rule as of a time, without recording anything. */
  async preview(
    workspaceId: string,
    rule: Rule,
    asOf: Date,
    sampleSize: number,
  ): Promise<SegmentPreview> {
    const stored = segmentReferences(rule).length
      ? await loadSegmentRules(this.db, workspaceId)
      : [];
    assertReferences({ name: '(preview)', rule }, stored);
    const segments = new Map(stored.map((s) => [s.id, s.rule]));
    return this.previews.preview(workspaceId, rule, asOf, sampleSize, segments);
  }
}

/** 400 naming the reference that is unknown, the cycle, or the limit exceeded. */
function assertReferences(candidate: CandidateRule, stored: readonly StoredSegmentRule[]): void {
  const issues = checkSegmentReferences(candidate, stored);
  if (issues.length > 0)
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: describeIssues(issues),
      issues,
    });
}
