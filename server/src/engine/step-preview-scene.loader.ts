import { BadRequestException, Injectable } from '@nestjs/common';
import {
  type FrequencyCap,
  type JourneyGraph,
  type QuietHours,
  type StepPreviewPick,
  TRIGGER_NODE_TYPE,
  type Trigger,
  triggerSchema,
  triggerSegmentId,
} from '@switchyard/contracts';
import type { ActionCustomer, ActionTrigger } from '@switchyard/sdk';
import type { EntityManager } from 'typeorm';
import { notFound } from '../common/http-errors.js';
import { customerKeySql, customerKeys } from '../customers/customer-lookup.util.js';
import { selectOne } from '../database/sql.util.js';
import { actionCustomer, actionTrigger } from './step-environment.loader.js';
import { sampleCustomerSql } from './step-preview.sql.js';

interface CustomerRow {
  id: string;
  external_id: string;
  traits: Record<string, unknown>;
  pick: StepPreviewPick;
}

interface RunRow {
  id: string;
  status: string;
  created_at: Date;
  context: Record<string, unknown>;
  trigger_data: Record<string, unknown> | null;
  /** The transition's as-of time, else when the run started (as the engine's steps see it). */
  trigger_at: Date;
}

/** What a dry run of a journey's steps runs with: the journey, the customer, their run. */
export interface PreviewScene {
  workspaceId: string;
  journeyId: string;
  workspaceTimezone: string;
  /** The draft as saved, or the graph the request sent (the editor's, unsaved). */
  graph: JourneyGraph;
  customer: ActionCustomer & { pick: StepPreviewPick };
  /** The customer's newest run of the journey, if any. */
  run: { id: string; status: string; startedAt: Date; context: Record<string, unknown> } | null;
  trigger: ActionTrigger;
  /** The draft's quiet hours (as saved) and the workspace's frequency caps. */
  quietHours: QuietHours | null;
  caps: FrequencyCap[];
  now: Date;
}

/**
 * Loads a preview's scene in the preview's (read-only) transaction: the journey's draft
 * and trigger, the customer (named, else a sample), their newest run of the journey and
 * the trigger as that run recorded it (without a run: for an event trigger, the
 * customer's latest such event).
 */
@Injectable()
export class StepPreviewSceneLoader {
  async load(
    em: EntityManager,
    workspaceId: string,
    journeyId: string,
    options: { customer?: string | undefined; graph?: JourneyGraph | undefined },
  ): Promise<PreviewScene> {
    const journey = await selectOne<{
      graph: JourneyGraph;
      timezone: string;
      quiet_hours: QuietHours | null;
      caps: FrequencyCap[];
    }>(
      em,
      `SELECT j.draft_graph AS graph, w.timezone, j.draft_settings->'quietHours' AS quiet_hours,
              w.frequency_caps AS caps
         FROM journeys j JOIN workspaces w ON w.id = j.workspace_id
        WHERE j.id = $1 AND j.workspace_id = $2`,
      [journeyId, workspaceId],
    );
    if (!journey) throw notFound(`journey ${journeyId} not found`);
    const graph = options.graph ?? journey.graph;
    const trigger = triggerOf(graph);
    const customer = await this.customer(em, workspaceId, journeyId, trigger, options.customer);
    const run = await selectOne<RunRow>(
      em,
      `SELECT e.id::text, e.status, e.created_at, e.context, e.trigger_data,
              COALESCE(t.as_of, e.created_at) AS trigger_at
         FROM enrollments e LEFT JOIN segment_transitions t ON t.id = e.transition_id
        WHERE e.journey_id = $1 AND e.customer_id = $2 ORDER BY e.created_at DESC LIMIT 1`,
      [journeyId, customer.id],
    );
    const segmentId = triggerSegmentId(trigger);
    const segment = segmentId
      ? await selectOne<{ name: string }>(
          em,
          'SELECT name FROM segments WHERE id = $1 AND workspace_id = $2',
          [segmentId, workspaceId],
        )
      : undefined;
    const now = new Date();
    return {
      workspaceId,
      journeyId,
      workspaceTimezone: journey.timezone,
      graph,
      customer: { ...actionCustomer(customer, journey.timezone), pick: customer.pick },
      run: run
        ? { id: run.id, status: run.status, startedAt: run.created_at, context: run.context }
        : null,
      trigger: actionTrigger(
        trigger,
        segment?.name ?? null,
        run ? run.trigger_data : await this.sampleEvent(em, trigger, customer.id),
        run?.trigger_at ?? now,
      ),
      quietHours: journey.quiet_hours ?? null,
      caps: journey.caps,
      now,
    };
  }

  /** The named customer (internal id first, then external id), else a sample. */
  private async customer(
    em: EntityManager,
    workspaceId: string,
    journeyId: string,
    trigger: Trigger,
    wanted: string | undefined,
  ): Promise<CustomerRow> {
    if (wanted === undefined) {
      const sample = sampleCustomerSql(workspaceId, journeyId, trigger);
      const row = await selectOne<CustomerRow>(em, sample.sql, sample.params);
      if (!row) throw notFound('the workspace has no customers yet: import or send some first');
      return row;
    }
    for (const key of customerKeys(wanted, 'auto') ?? []) {
      const row = await selectOne<CustomerRow>(
        em,
        `SELECT id::text, external_id, traits, 'given' AS pick FROM customers
          WHERE workspace_id = $1 AND ${customerKeySql(key)}`,
        [workspaceId, key.value],
      );
      if (row) return row;
    }
    throw notFound(`no customer "${wanted}" in this workspace`);
  }

  /** For an event trigger without a run: the customer's latest such event, as a run records it. */
  private async sampleEvent(
    em: EntityManager,
    trigger: Trigger,
    customerId: string,
  ): Promise<Record<string, unknown> | null> {
    if (trigger.kind !== 'event') return null;
    const event = await selectOne<{ properties: Record<string, unknown>; ts: Date }>(
      em,
      `SELECT properties, ts FROM events WHERE customer_id = $1 AND name = $2
        ORDER BY ts DESC LIMIT 1`,
      [customerId, trigger.event],
    );
    return event
      ? { event: trigger.event, properties: event.properties, at: event.ts.toISOString() }
      : null;
  }
}

/** The graph's trigger; a 400 while its settings are incomplete (a step runs with it). */
function triggerOf(graph: JourneyGraph): Trigger {
  const node = graph.nodes.find((n) => n.type === TRIGGER_NODE_TYPE);
  const parsed = node ? triggerSchema.safeParse(node.config) : null;
  if (parsed?.success) return parsed.data;
  const message = 'choose what starts the journey first: a step runs with its trigger';
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message,
    issues: [{ field: 'trigger', message, ...(node ? { nodeId: node.id } : {}) }],
  });
}
