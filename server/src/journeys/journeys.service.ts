import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_JOURNEY_SETTINGS,
  type CreateJourneyBody,
  type JourneyGraph,
  type JourneyListItem,
  type JourneyView,
  type UpdateJourneyBody,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { ActionRegistry } from '../actions/action-registry.service.js';
import { execute, selectOne, selectRows } from '../database/sql.util.js';
import { initialDraftGraph } from './draft-graph.util.js';
import { graphChannels } from './graph-channels.util.js';
import { JourneyIssuesService } from './journey-issues.service.js';
import {
  JOURNEY_COLUMNS,
  JOURNEY_FROM,
  toJourneyView,
  type JourneyRow,
} from './journey-view.mapper.js';

export function journeyNotFound(id: string): NotFoundException {
  return new NotFoundException({
    statusCode: 404,
    error: 'Not Found',
    message: `journey ${id} not found`,
  });
}

/** Drafts: list, read, create, edit. Every query is scoped to the caller's workspace. */
@Injectable()
export class JourneysService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly issues: JourneyIssuesService,
    private readonly registry: ActionRegistry,
  ) {}

  /**
   * Newest first, each with its runs counted over all its versions and the channels its
   * live version sends on.
   */
  async list(workspaceId: string): Promise<JourneyListItem[]> {
    // One statement, so a journey and its counts are read at one moment. Through the
    // versions: enrollments (version_id, status) answers each count from the index.
    const rows = await selectRows<
      JourneyRow & { live_graph: JourneyGraph | null; total: string; active: string }
    >(
      this.db,
      `SELECT ${JOURNEY_COLUMNS}, v.graph AS live_graph, c.total, c.active
         FROM ${JOURNEY_FROM}
        CROSS JOIN LATERAL (
              SELECT count(*) AS total, count(*) FILTER (WHERE e.status = 'active') AS active
                FROM journey_versions jv JOIN enrollments e ON e.version_id = jv.id
               WHERE jv.journey_id = j.id) c
        WHERE j.workspace_id = $1 ORDER BY j.created_at DESC, j.id`,
      [workspaceId],
    );
    const issues = await this.issues.issuesOf(
      workspaceId,
      rows.map((r) => r.draft_graph),
    );
    return rows.map((row, i) => ({
      ...toJourneyView(row, issues[i] ?? []),
      enrollments: { total: Number(row.total), active: Number(row.active) },
      liveSends: row.live_graph
        ? graphChannels(row.live_graph, (type, version) => this.registry.resolve(type, version))
        : [],
    }));
  }

  async get(workspaceId: string, id: string): Promise<JourneyView> {
    const row = await this.findRow(workspaceId, id);
    const [issues] = await this.issues.issuesOf(workspaceId, [row.draft_graph]);
    return toJourneyView(row, issues ?? []);
  }

  async create(workspaceId: string, body: CreateJourneyBody): Promise<JourneyView> {
    const inserted = await selectOne<{ id: string }>(
      this.db,
      `INSERT INTO journeys (workspace_id, name, description, draft_graph, draft_settings)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb) RETURNING id`,
      [
        workspaceId,
        body.name,
        body.description ?? null,
        JSON.stringify(body.graph ?? initialDraftGraph()),
        JSON.stringify(body.settings ?? DEFAULT_JOURNEY_SETTINGS),
      ],
    );
    if (!inserted) throw new Error('journey insert returned no row');
    return this.get(workspaceId, inserted.id);
  }

  /**
   * Saves the draft as sent: an invalid graph is kept (its issues are listed). A live
   * journey keeps running its published version until the draft is published.
   */
  async update(workspaceId: string, id: string, body: UpdateJourneyBody): Promise<JourneyView> {
    const updated = await execute(
      this.db,
      `UPDATE journeys SET
         name = COALESCE($3, name),
         description = CASE WHEN $4::boolean THEN $5 ELSE description END,
         draft_graph = COALESCE($6::jsonb, draft_graph),
         draft_settings = COALESCE($7::jsonb, draft_settings),
         updated_at = now()
       WHERE id = $1 AND workspace_id = $2`,
      [
        id,
        workspaceId,
        body.name ?? null,
        body.description !== undefined,
        body.description ?? null,
        body.graph ? JSON.stringify(body.graph) : null,
        body.settings ? JSON.stringify(body.settings) : null,
      ],
    );
    if (updated === 0) throw journeyNotFound(id);
    return this.get(workspaceId, id);
  }

  async findRow(workspaceId: string, id: string): Promise<JourneyRow> {
    const row = await selectOne<JourneyRow>(
      this.db,
      `SELECT ${JOURNEY_COLUMNS} FROM ${JOURNEY_FROM} WHERE j.id = $1 AND j.workspace_id = $2`,
      [id, workspaceId],
    );
    if (!row) throw journeyNotFound(id);
    return row;
  }
}
