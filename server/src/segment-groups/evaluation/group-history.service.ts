import { BadRequestException, Injectable } from '@nestjs/common';
import type { GroupMovementCell, GroupSnapshotView } from '@switchyard/contracts';
import { bucketCounts } from '../segment-group-view.mapper.js';
import { SegmentGroupsService } from '../segment-groups.service.js';
import { groupDefinitionHash } from './group-query.util.js';
import { GroupSnapshotsRepository } from './group-snapshots.repository.js';

/** Reads a group's history: its snapshots and the movement between two of them. */
@Injectable()
export class GroupHistoryService {
  constructor(
    private readonly groups: SegmentGroupsService,
    private readonly snapshots: GroupSnapshotsRepository,
  ) {}

  async listSnapshots(workspaceId: string, groupId: string): Promise<GroupSnapshotView[]> {
    const group = await this.groups.get(workspaceId, groupId);
    const hash = groupDefinitionHash(group.members, await this.groups.segmentRules(workspaceId));
    return (await this.snapshots.list(groupId)).map((s) => ({
      id: s.id,
      asOf: s.as_of.toISOString(),
      computedAt: s.computed_at.toISOString(),
      total: s.counts.reduce((a, b) => a + b, 0),
      counts: bucketCounts(group, s.counts),
      stale: s.definition_hash !== hash,
    }));
  }

  /**
   * The from -> to matrix between the snapshots as of `from` and as of `to` (both must
   * exist; evaluate first). Includes customers who stayed (from = to) and customers new
   * since `from` (from = null).
   */
  async movement(
    workspaceId: string,
    groupId: string,
    from: Date,
    to: Date,
  ): Promise<GroupMovementCell[]> {
    await this.groups.get(workspaceId, groupId);
    if (from.getTime() > to.getTime()) throw badQuery('from', 'must not be after "to"');
    const [a, b] = await Promise.all([
      this.snapshots.find(groupId, from),
      this.snapshots.find(groupId, to),
    ]);
    if (!a) throw badQuery('from', `no snapshot as of ${from.toISOString()}; evaluate it first`);
    if (!b) throw badQuery('to', `no snapshot as of ${to.toISOString()}; evaluate it first`);
    return this.snapshots.movement(a.id, b.id);
  }
}

function badQuery(field: 'from' | 'to', message: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `query.${field}: ${message}`,
    issues: [{ field: `query.${field}`, message }],
  });
}
