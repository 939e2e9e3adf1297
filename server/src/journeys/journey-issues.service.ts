import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type ConfigReferenceKind,
  TRIGGER_NODE_TYPE,
  type GraphIssue,
  type JourneyGraph,
} from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { ActionRegistry } from '../actions/action-registry.service.js';
import { TemplateService } from '../content/template.service.js';
import { selectRows } from '../database/sql.util.js';
import { graphChannels } from './graph-channels.util.js';
import {
  journeyIssues,
  type JourneyIssue,
  type JourneyValidationDeps,
} from './journey-validation.util.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Builds validation dependencies for a workspace and maps issues for the API. */
@Injectable()
export class JourneyIssuesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ActionRegistry,
    private readonly templates: TemplateService,
  ) {}

  /**
   * Looks up the segments, groups and audiences the graphs' triggers name, and what action
   * nodes' settings name (audiences, segments, subscription topics).
   */
  async depsFor(
    workspaceId: string,
    graphs: readonly JourneyGraph[],
    em?: EntityManager,
  ): Promise<JourneyValidationDeps> {
    const wanted = {
      segmentId: new Set<string>(),
      groupId: new Set<string>(),
      audienceId: new Set<string>(),
    };
    /** What action nodes' settings name, by kind. */
    const named: Record<ConfigReferenceKind, Set<string>> = {
      audience: new Set(),
      segment: new Set(),
      topic: new Set(),
    };
    const resolve = (type: string, version?: number) => this.registry.resolve(type, version);
    for (const graph of graphs)
      for (const node of graph.nodes) {
        if (node.type !== TRIGGER_NODE_TYPE) {
          for (const reference of resolve(node.type, node.typeVersion)?.references ?? []) {
            const id = node.config[reference.field];
            if (typeof id === 'string' && UUID.test(id)) named[reference.kind].add(id);
          }
          continue;
        }
        for (const key of ['segmentId', 'groupId', 'audienceId'] as const) {
          const id = node.config[key];
          if (typeof id === 'string' && UUID.test(id)) wanted[key].add(id);
        }
      }
    for (const id of named.segment) wanted.segmentId.add(id);
    for (const id of named.audience) wanted.audienceId.add(id);
    const db = em ?? this.db;
    const sendsSms = graphs.some((graph) => graphChannels(graph, resolve).includes('sms'));
    const ids = (set: Set<string>) => [...set];
    const [segments, groups, audiences, smsProvider, topics] = await Promise.all([
      wanted.segmentId.size === 0
        ? []
        : selectRows<{ id: string }>(
            db,
            `SELECT id FROM segments WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
            [workspaceId, ids(wanted.segmentId)],
          ),
      wanted.groupId.size === 0
        ? []
        : selectRows<{ id: string; buckets: string[] }>(
            db,
            `SELECT g.id, array_append(array_remove(array_agg(m.segment_id::text), NULL), 'fallback') AS buckets
               FROM segment_groups g LEFT JOIN segment_group_members m ON m.group_id = g.id
              WHERE g.workspace_id = $1 AND g.id = ANY($2::uuid[])
              GROUP BY g.id`,
            [workspaceId, ids(wanted.groupId)],
          ),
      wanted.audienceId.size === 0
        ? []
        : selectRows<{ id: string }>(
            db,
            `SELECT id FROM audiences WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
            [workspaceId, ids(wanted.audienceId)],
          ),
      sendsSms
        ? selectRows<{ set: boolean }>(
            db,
            `SELECT sms_provider IS NOT NULL AS set FROM workspaces WHERE id = $1`,
            [workspaceId],
          )
        : [],
      named.topic.size === 0
        ? []
        : selectRows<{ id: string }>(
            db,
            `SELECT id FROM subscription_topics WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
            [workspaceId, ids(named.topic)],
          ),
    ]);
    const existing = new Set(segments.map((r) => r.id));
    const buckets = new Map(groups.map((g) => [g.id, new Set(g.buckets)]));
    const audienceIds = new Set(audiences.map((r) => r.id));
    const found: Record<ConfigReferenceKind, ReadonlySet<string>> = {
      audience: audienceIds,
      segment: existing,
      topic: new Set(topics.map((r) => r.id)),
    };
    return {
      resolveAction: resolve,
      segmentExists: (id) => existing.has(id),
      groupBuckets: (id) => buckets.get(id),
      audienceExists: (id) => audienceIds.has(id),
      referenceExists: (kind, id) => found[kind].has(id),
      checkTemplate: (source) => this.templates.check(source),
      canSend: (channel) => channel !== 'sms' || smsProvider[0]?.set === true,
    };
  }

  /** Issues of several drafts at once (one segment query). */
  async issuesOf(
    workspaceId: string,
    graphs: readonly JourneyGraph[],
    em?: EntityManager,
  ): Promise<GraphIssue[][]> {
    const deps = await this.depsFor(workspaceId, graphs, em);
    return graphs.map((graph) => journeyIssues(graph, deps).map(toGraphIssue));
  }
}

export function toGraphIssue(issue: JourneyIssue): GraphIssue {
  const out: GraphIssue = { field: issue.field, message: issue.message };
  if (issue.nodeId !== undefined) out.nodeId = issue.nodeId;
  if (issue.edgeId !== undefined) out.edgeId = issue.edgeId;
  if (issue.fixIn !== undefined) out.fixIn = issue.fixIn;
  return out;
}
