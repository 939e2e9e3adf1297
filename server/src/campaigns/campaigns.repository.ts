import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CampaignContent,
  CampaignKind,
  CampaignTone,
  CampaignView,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { execute, type Queryable, selectOne, selectRows } from '../database/sql.util.js';

/** The foreign key a new campaign breaks when its audience was deleted meanwhile. */
const AUDIENCE_FOREIGN_KEY = 'campaigns_audience_id_fkey';
const TOPIC_FOREIGN_KEY = 'campaigns_topic_id_fkey';

/** The 400 for a topic that is not the workspace's (or was deleted as the campaign was saved). */
export function noSuchTopic(): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: 'topicId: no such subscription topic in this workspace',
    issues: [{ field: 'topicId', message: 'no such subscription topic in this workspace' }],
  });
}

interface CampaignRow {
  id: string;
  name: string;
  kind: CampaignKind;
  tone: CampaignTone;
  status: 'draft' | 'launched';
  audience_id: string;
  audience_name: string;
  audience_size: number;
  audience_unsubscribed: number;
  subject: string;
  preheader: string;
  html: string;
  text: string;
  holdout_percent: number;
  topic_id: string | null;
  topic_name: string | null;
  journey_id: string | null;
  launched_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `
  SELECT c.id, c.name, c.kind, c.tone, c.status, c.audience_id, a.name AS audience_name,
         (SELECT count(*)::int FROM audience_members m WHERE m.audience_id = c.audience_id) AS audience_size,
         (SELECT count(*)::int FROM audience_members m
           WHERE m.audience_id = c.audience_id
             AND (EXISTS (SELECT 1 FROM channel_opt_outs o
                           WHERE o.customer_id = m.customer_id AND o.channel = 'email')
                  OR EXISTS (SELECT 1 FROM topic_opt_outs t
                              WHERE t.customer_id = m.customer_id AND t.topic_id = c.topic_id)))
           AS audience_unsubscribed,
         c.subject, c.preheader, c.html, c.text, c.holdout_percent, c.topic_id, st.name AS topic_name,
         c.journey_id, c.launched_at, c.created_at, c.updated_at
    FROM campaigns c JOIN audiences a ON a.id = c.audience_id
    LEFT JOIN subscription_topics st ON st.id = c.topic_id`;

export interface NewCampaign extends CampaignContent {
  name: string;
  kind: CampaignKind;
  tone: CampaignTone;
  audienceId: string;
}

export type CampaignChanges = Partial<
  CampaignContent & {
    name: string;
    kind: CampaignKind;
    tone: CampaignTone;
    holdoutPercent: number;
    /** null: no topic. */
    topicId: string | null;
  }
>;

@Injectable()
export class CampaignsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(workspaceId: string): Promise<CampaignView[]> {
    const rows = await selectRows<CampaignRow>(
      this.db,
      `${SELECT} WHERE c.workspace_id = $1 ORDER BY c.created_at DESC, c.id`,
      [workspaceId],
    );
    return rows.map(toView);
  }

  async get(workspaceId: string, id: string, em: Queryable = this.db): Promise<CampaignView> {
    const row = await selectOne<CampaignRow>(
      em,
      `${SELECT} WHERE c.id = $1 AND c.workspace_id = $2`,
      [id, workspaceId],
    );
    if (!row)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `campaign ${id} not found`,
      });
    return toView(row);
  }

  /** Locks the campaign row for a launch (two launches cannot both send). */
  async lock(em: Queryable, workspaceId: string, id: string): Promise<CampaignView> {
    await selectOne(em, 'SELECT id FROM campaigns WHERE id = $1 AND workspace_id = $2 FOR UPDATE', [
      id,
      workspaceId,
    ]);
    return this.get(workspaceId, id, em);
  }

  /** A 400 when the audience was deleted after the caller looked it up. */
  async insert(workspaceId: string, campaign: NewCampaign): Promise<string> {
    const row = await selectOne<{ id: string }>(
      this.db,
      `INSERT INTO campaigns (workspace_id, name, kind, tone, audience_id, subject, preheader, html, text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        workspaceId,
        campaign.name,
        campaign.kind,
        campaign.tone,
        campaign.audienceId,
        campaign.subject,
        campaign.preheader,
        campaign.html,
        campaign.text,
      ],
    ).catch((error: unknown) => {
      if ((error as { constraint?: unknown }).constraint !== AUDIENCE_FOREIGN_KEY) throw error;
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'audienceId: no such audience in this workspace (it was just deleted)',
        issues: [{ field: 'audienceId', message: 'no such audience in this workspace' }],
      });
    });
    if (!row) throw new Error('campaign insert returned no row');
    return row.id;
  }

  async update(workspaceId: string, id: string, changes: CampaignChanges): Promise<void> {
    await execute(
      this.db,
      `UPDATE campaigns SET
         name = COALESCE($3, name), kind = COALESCE($4, kind), tone = COALESCE($5, tone),
         subject = COALESCE($6, subject), preheader = COALESCE($7, preheader),
         html = COALESCE($8, html), text = COALESCE($9, text),
         holdout_percent = COALESCE($10, holdout_percent),
         topic_id = CASE WHEN $11::boolean THEN $12::uuid ELSE topic_id END, updated_at = now()
       WHERE id = $1 AND workspace_id = $2 AND status = 'draft'`,
      [
        id,
        workspaceId,
        changes.name ?? null,
        changes.kind ?? null,
        changes.tone ?? null,
        changes.subject ?? null,
        changes.preheader ?? null,
        changes.html ?? null,
        changes.text ?? null,
        changes.holdoutPercent ?? null,
        changes.topicId !== undefined,
        changes.topicId ?? null,
      ],
    ).catch((error: unknown) => {
      if ((error as { constraint?: unknown }).constraint === TOPIC_FOREIGN_KEY) throw noSuchTopic();
      throw error;
    });
  }

  async markLaunched(em: Queryable, id: string, journeyId: string): Promise<void> {
    await execute(
      em,
      `UPDATE campaigns SET status = 'launched', journey_id = $2, launched_at = now(), updated_at = now()
        WHERE id = $1`,
      [id, journeyId],
    );
  }
}

function toView(row: CampaignRow): CampaignView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    tone: row.tone,
    status: row.status,
    audienceId: row.audience_id,
    audienceName: row.audience_name,
    audienceSize: row.audience_size,
    audienceUnsubscribed: row.audience_unsubscribed,
    subject: row.subject,
    preheader: row.preheader,
    html: row.html,
    text: row.text,
    holdoutPercent: row.holdout_percent,
    topicId: row.topic_id,
    topicName: row.topic_name,
    journeyId: row.journey_id,
    launchedAt: row.launched_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
