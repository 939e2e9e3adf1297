import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TRIGGER_NODE_TYPE, type GraphIssue, type JourneyGraph } from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { ActionRegistry } from '../actions/action-registry.service.js';
import { TemplateService } from '../content/template.service.js';
import { selectRows } from '../database/sql.util.js';
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

  /** Looks up, in one query, the segments the graphs' triggers name. */
  async depsFor(
    workspaceId: string,
    graphs: readonly JourneyGraph[],
    em?: EntityManager,
  ): Promise<JourneyValidationDeps> {
    const wanted = new Set<string>();
    for (const graph of graphs)
      for (const node of graph.nodes) {
        const id = node.type === TRIGGER_NODE_TYPE ? node.config['segmentId'] : undefined;
        if (typeof id === 'string' && UUID.test(id)) wanted.add(id);
      }
    const found =
      wanted.size === 0
        ? []
        : await selectRows<{ id: string }>(
            em ?? this.db,
            `SELECT id FROM segments WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
            [workspaceId, [...wanted]],
          );
    const existing = new Set(found.map((r) => r.id));
    return {
      resolveAction: (type, version) => this.registry.resolve(type, version),
      segmentExists: (id) => existing.has(id),
      checkTemplate: (source) => this.templates.check(source),
    };
  }

  /** Issues of several drafts at once (one segment query). */
  async issuesOf(workspaceId: string, graphs: readonly JourneyGraph[]): Promise<GraphIssue[][]> {
    const deps = await this.depsFor(workspaceId, graphs);
    return graphs.map((graph) => journeyIssues(graph, deps).map(toGraphIssue));
  }
}

export function toGraphIssue(issue: JourneyIssue): GraphIssue {
  const out: GraphIssue = { field: issue.field, message: issue.message };
  if (issue.nodeId !== undefined) out.nodeId = issue.nodeId;
  if (issue.edgeId !== undefined) out.edgeId = issue.edgeId;
  return out;
}
