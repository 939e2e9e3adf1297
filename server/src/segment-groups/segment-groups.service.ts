import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type CreateSegmentGroupBody,
  describeIssues,
  type Rule,
  type SegmentGroupMember,
  type UpdateSegmentGroupBody,
} from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { StoredGroup } from './segment-group.types.js';
import { SegmentGroupsRepository } from './segment-groups.repository.js';

export function groupNotFound(id: string): NotFoundException {
  return new NotFoundException({
    statusCode: 404,
    error: 'Not Found',
    message: `segment group ${id} not found`,
  });
}

/** Segment group CRUD. Members must be segments of the caller's workspace. */
@Injectable()
export class SegmentGroupsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly groups: SegmentGroupsRepository,
  ) {}

  list(workspaceId: string): Promise<StoredGroup[]> {
    return this.groups.list(workspaceId);
  }

  async get(workspaceId: string, id: string): Promise<StoredGroup> {
    const group = await this.groups.find(workspaceId, id);
    if (!group) throw groupNotFound(id);
    return group;
  }

  create(workspaceId: string, body: CreateSegmentGroupBody): Promise<StoredGroup> {
    return this.db.transaction((em) => this.createIn(em, workspaceId, body));
  }

  /** Creates a group inside the caller's transaction (templates install segments and groups at once). */
  async createIn(
    em: EntityManager,
    workspaceId: string,
    body: CreateSegmentGroupBody,
  ): Promise<StoredGroup> {
    await this.checkSegments(em, workspaceId, body.members);
    const id = await this.groups.insert(em, workspaceId, {
      name: body.name,
      description: body.description ?? null,
      fallback: body.fallback,
    });
    await this.groups.replaceMembers(em, id, body.members);
    const created = await this.groups.find(workspaceId, id, { em });
    if (!created) throw new Error(`segment group ${id} vanished inside its transaction`);
    return created;
  }

  /**
   * Labels, colours, growth flags and the fallback can change freely. Changing which
   * segments are members, or their order, clears the group's snapshots and moves: their
   * bucket numbers would now mean other segments.
   */
  async update(
    workspaceId: string,
    id: string,
    body: UpdateSegmentGroupBody,
  ): Promise<StoredGroup> {
    return this.db.transaction(async (em) => {
      const group = await this.groups.find(workspaceId, id, { em, lock: true });
      if (!group) throw groupNotFound(id);
      if (body.members) {
        await this.checkSegments(em, workspaceId, body.members);
        if (!SegmentGroupsRepository.sameMembers(group, body.members))
          await this.groups.clearHistory(em, id);
        await this.groups.replaceMembers(em, id, body.members);
      }
      await this.groups.update(em, id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.fallback !== undefined ? { fallback: body.fallback } : {}),
      });
      const updated = await this.groups.find(workspaceId, id, { em });
      if (!updated) throw groupNotFound(id);
      return updated;
    });
  }

  segmentRules(workspaceId: string): Promise<Map<string, Rule>> {
    return this.groups.segmentRules(workspaceId);
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    if (!(await this.groups.delete(workspaceId, id))) throw groupNotFound(id);
  }

  private async checkSegments(
    em: EntityManager,
    workspaceId: string,
    members: readonly SegmentGroupMember[],
  ): Promise<void> {
    const unknown = await this.groups.unknownSegments(
      workspaceId,
      members.map((m) => m.segmentId),
      em,
    );
    if (unknown.length === 0) return;
    const issues = unknown.map((i) => ({
      field: `members[${i}].segmentId`,
      message: 'no such segment in this workspace',
    }));
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: describeIssues(issues),
      issues,
    });
  }
}
