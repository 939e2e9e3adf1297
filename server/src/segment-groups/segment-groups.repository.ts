import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Rule, SegmentGroupFallback, SegmentGroupMember } from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { execute, type Queryable, selectOne, selectRows } from '../database/sql.util.js';
import type { StoredGroup, StoredGroupMember } from './segment-group.types.js';

interface GroupRow {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  fallback: SegmentGroupFallback;
  created_at: Date;
  updated_at: Date;
}

interface MemberRow {
  group_id: string;
  member_index: number;
  segment_id: string;
  segment_name: string;
  segment_color: string;
  rule: Rule;
  label: string | null;
  color: string | null;
  growth_is_good: boolean;
}

const GROUP_COLUMNS = 'id, workspace_id, name, description, fallback, created_at, updated_at';

/** Rows of segment_groups and segment_group_members; every query is scoped to a workspace. */
@Injectable()
export class SegmentGroupsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(workspaceId: string): Promise<StoredGroup[]> {
    const groups = await selectRows<GroupRow>(
      this.db,
      `SELECT ${GROUP_COLUMNS} FROM segment_groups WHERE workspace_id = $1 ORDER BY created_at, id`,
      [workspaceId],
    );
    return this.withMembers(this.db, groups);
  }

  /** The group with its members; `lock` takes the group row FOR UPDATE (inside a transaction). */
  async find(
    workspaceId: string,
    id: string,
    options: { em?: Queryable; lock?: boolean } = {},
  ): Promise<StoredGroup | undefined> {
    const em = options.em ?? this.db;
    const row = await selectOne<GroupRow>(
      em,
      `SELECT ${GROUP_COLUMNS} FROM segment_groups WHERE id = $1 AND workspace_id = $2${options.lock ? ' FOR UPDATE' : ''}`,
      [id, workspaceId],
    );
    if (!row) return undefined;
    return (await this.withMembers(em, [row]))[0];
  }

  /** Every segment rule of the workspace by id, for `{segment: id}` references. */
  async segmentRules(workspaceId: string, em: Queryable = this.db): Promise<Map<string, Rule>> {
    const rows = await selectRows<{ id: string; rule: Rule }>(
      em,
      'SELECT id, rule FROM segments WHERE workspace_id = $1',
      [workspaceId],
    );
    return new Map(rows.map((r) => [r.id, r.rule]));
  }

  /** Positions (0-based) of `segmentIds` that are not segments of the workspace. */
  async unknownSegments(
    workspaceId: string,
    segmentIds: readonly string[],
    em: Queryable = this.db,
  ): Promise<number[]> {
    const rows = await selectRows<{ id: string }>(
      em,
      'SELECT id FROM segments WHERE workspace_id = $1 AND id = ANY($2::uuid[])',
      [workspaceId, segmentIds],
    );
    const found = new Set(rows.map((r) => r.id));
    return segmentIds.flatMap((id, i) => (found.has(id) ? [] : [i]));
  }

  async insert(
    em: Queryable,
    workspaceId: string,
    group: { name: string; description: string | null; fallback: SegmentGroupFallback },
  ): Promise<string> {
    const row = await selectOne<{ id: string }>(
      em,
      `INSERT INTO segment_groups (workspace_id, name, description, fallback)
       VALUES ($1, $2, $3, $4::jsonb) RETURNING id`,
      [workspaceId, group.name, group.description, JSON.stringify(group.fallback)],
    );
    if (!row) throw new Error('insert into segment_groups returned no row');
    return row.id;
  }

  async update(
    em: Queryable,
    id: string,
    changes: { name?: string; description?: string | null; fallback?: SegmentGroupFallback },
  ): Promise<void> {
    await execute(
      em,
      `UPDATE segment_groups SET
         name = coalesce($2, name),
         description = CASE WHEN $3::boolean THEN $4 ELSE description END,
         fallback = coalesce($5::jsonb, fallback),
         updated_at = now()
       WHERE id = $1`,
      [
        id,
        changes.name ?? null,
        changes.description !== undefined,
        changes.description ?? null,
        changes.fallback ? JSON.stringify(changes.fallback) : null,
      ],
    );
  }

  /** Replaces the member list (indexes 1..n in the given order). */
  async replaceMembers(
    em: Queryable,
    groupId: string,
    members: readonly SegmentGroupMember[],
  ): Promise<void> {
    await execute(em, 'DELETE FROM segment_group_members WHERE group_id = $1', [groupId]);
    await em.query(
      `INSERT INTO segment_group_members (group_id, member_index, segment_id, label, color, growth_is_good)
       SELECT $1::uuid, m.ord, m.segment_id, m.label, m.color, m.growth_is_good
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::boolean[])
         WITH ORDINALITY AS m(segment_id, label, color, growth_is_good, ord)`,
      [
        groupId,
        members.map((m) => m.segmentId),
        members.map((m) => m.label ?? null),
        members.map((m) => m.color ?? null),
        members.map((m) => m.growthIsGood),
      ],
    );
  }

  /** Whether the member list (segments and order) differs from the stored one. */
  static sameMembers(stored: StoredGroup, members: readonly SegmentGroupMember[]): boolean {
    return (
      stored.members.length === members.length &&
      stored.members.every((m, i) => m.segmentId === members[i]?.segmentId)
    );
  }

  /** Snapshots and moves of the group: they refer to member indexes that now mean other segments. */
  async clearHistory(em: Queryable, groupId: string): Promise<void> {
    await execute(em, 'DELETE FROM group_transitions WHERE group_id = $1', [groupId]);
    await execute(em, 'DELETE FROM group_snapshots WHERE group_id = $1', [groupId]);
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    return (
      (await execute(this.db, 'DELETE FROM segment_groups WHERE id = $1 AND workspace_id = $2', [
        id,
        workspaceId,
      ])) > 0
    );
  }

  private async withMembers(em: Queryable, groups: GroupRow[]): Promise<StoredGroup[]> {
    if (groups.length === 0) return [];
    const members = await selectRows<MemberRow>(
      em,
      `SELECT m.group_id, m.member_index, m.segment_id, s.name AS segment_name, s.color AS segment_color,
              s.rule, m.label, m.color, m.growth_is_good
       FROM segment_group_members m JOIN segments s ON s.id = m.segment_id
       WHERE m.group_id = ANY($1::uuid[])
       ORDER BY m.group_id, m.member_index`,
      [groups.map((g) => g.id)],
    );
    const byGroup = new Map<string, StoredGroupMember[]>();
    for (const m of members) {
      const list = byGroup.get(m.group_id) ?? [];
      list.push({
        index: m.member_index,
        segmentId: m.segment_id,
        segmentName: m.segment_name,
        segmentColor: m.segment_color,
        rule: m.rule,
        label: m.label,
        color: m.color,
        growthIsGood: m.growth_is_good,
      });
      byGroup.set(m.group_id, list);
    }
    return groups.map((g) => ({
      id: g.id,
      workspaceId: g.workspace_id,
      name: g.name,
      description: g.description,
      fallback: g.fallback,
      members: byGroup.get(g.id) ?? [],
      createdAt: g.created_at,
      updatedAt: g.updated_at,
    }));
  }
}
