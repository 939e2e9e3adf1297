import { ConflictException, Injectable, type NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  SubscriptionTopicBody,
  SubscriptionTopicPatch,
  SubscriptionTopicView,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { type DependentUse, journeysUsingSql } from '../common/deletion-refusal.util.js';
import { notFound } from '../common/http-errors.js';
import { execute, type Queryable, selectOne, selectRows } from '../database/sql.util.js';
import { topicDeleteRefusal } from './topic-deletion.util.js';

interface TopicRow {
  id: string;
  name: string;
  description: string;
  unsubscribed: number;
  created_at: Date;
}

const TOPIC_COLUMNS = `t.id, t.name, t.description, t.created_at,
  (SELECT count(*)::int FROM topic_opt_outs o WHERE o.topic_id = t.id) AS unsubscribed`;

/** The workspace's subscription topics (Settings, the send nodes' topic picker). */
@Injectable()
export class SubscriptionTopicsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(workspaceId: string): Promise<SubscriptionTopicView[]> {
    const rows = await selectRows<TopicRow>(
      this.db,
      `SELECT ${TOPIC_COLUMNS} FROM subscription_topics t WHERE t.workspace_id = $1
        ORDER BY lower(t.name)`,
      [workspaceId],
    );
    return rows.map(toView);
  }

  async get(
    workspaceId: string,
    id: string,
    runner: Queryable = this.db,
  ): Promise<SubscriptionTopicView> {
    const row = await selectOne<TopicRow>(
      runner,
      `SELECT ${TOPIC_COLUMNS} FROM subscription_topics t WHERE t.workspace_id = $1 AND t.id = $2`,
      [workspaceId, id],
    );
    if (!row) throw topicNotFound(id);
    return toView(row);
  }

  /** Whether the workspace has the topic. */
  async exists(workspaceId: string, id: string): Promise<boolean> {
    const row = await selectOne<{ id: string }>(
      this.db,
      `SELECT id FROM subscription_topics WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id],
    );
    return row !== undefined;
  }

  async create(workspaceId: string, body: SubscriptionTopicBody): Promise<SubscriptionTopicView> {
    const row = await uniqueName(body.name, () =>
      selectOne<{ id: string }>(
        this.db,
        `INSERT INTO subscription_topics (workspace_id, name, description) VALUES ($1, $2, $3)
         RETURNING id`,
        [workspaceId, body.name, body.description],
      ),
    );
    return this.get(workspaceId, row?.id ?? '');
  }

  async update(
    workspaceId: string,
    id: string,
    patch: SubscriptionTopicPatch,
  ): Promise<SubscriptionTopicView> {
    const updated = await uniqueName(patch.name ?? '', () =>
      execute(
        this.db,
        `UPDATE subscription_topics SET name = coalesce($3, name), description = coalesce($4, description)
          WHERE workspace_id = $1 AND id = $2`,
        [workspaceId, id, patch.name ?? null, patch.description ?? null],
      ),
    );
    if (updated === 0) throw topicNotFound(id);
    return this.get(workspaceId, id);
  }

  /**
   * Deletes the topic and its opt-outs; the topic as it was. A 409 names the draft
   * campaigns and the journeys that would still send under it (`topicDeleteRefusal`).
   */
  async remove(workspaceId: string, id: string): Promise<SubscriptionTopicView> {
    return this.db.transaction(async (em) => {
      // The row lock makes a campaign given the topic meanwhile wait (its foreign key).
      const locked = await selectOne<{ name: string }>(
        em,
        `SELECT name FROM subscription_topics WHERE workspace_id = $1 AND id = $2 FOR UPDATE`,
        [workspaceId, id],
      );
      if (!locked) throw topicNotFound(id);
      const campaigns = await selectRows<DependentUse>(
        em,
        `SELECT name, status FROM campaigns
          WHERE workspace_id = $1 AND topic_id = $2 AND status = 'draft' ORDER BY name, id`,
        [workspaceId, id],
      );
      const journeys = await selectRows<DependentUse>(em, JOURNEYS_USING, [workspaceId, id]);
      const refusal = topicDeleteRefusal(locked.name, campaigns, journeys);
      if (refusal)
        throw new ConflictException({ statusCode: 409, error: 'Conflict', message: refusal });
      const topic = await this.get(workspaceId, id, em);
      await execute(em, `DELETE FROM subscription_topics WHERE workspace_id = $1 AND id = $2`, [
        workspaceId,
        id,
      ]);
      return topic;
    });
  }
}

/** Journeys whose steps still send under the topic (a send node's settings name it). */
const JOURNEYS_USING = journeysUsingSql();

function toView(row: TopicRow): SubscriptionTopicView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    unsubscribed: row.unsubscribed,
    createdAt: row.created_at.toISOString(),
  };
}

function topicNotFound(id: string): NotFoundException {
  return notFound(`no subscription topic "${id}" in this workspace`);
}

/** A second topic of the same name (any case) is a 409 naming it. */
async function uniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: unknown }).code !== '23505') throw error;
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: `a subscription topic named "${name}" already exists`,
      issues: [{ field: 'name', message: 'is taken by another topic' }],
    });
  }
}
