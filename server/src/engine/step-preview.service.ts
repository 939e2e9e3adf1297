import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type JourneyGraph,
  type JourneyNode,
  type StepPreview,
  type StepPreviewBody,
  type StepPreviewOutcome,
  type StepPreviewPick,
  TRIGGER_NODE_TYPE,
  type Trigger,
  triggerSchema,
  triggerSegmentId,
  zodIssues,
} from '@switchyard/contracts';
import { FatalActionError } from '@switchyard/sdk';
import type { DataSource, EntityManager } from 'typeorm';
import { ActionRegistry } from '../actions/action-registry.service.js';
import { AppConfig } from '../config/app-config.service.js';
import { customerKeys } from '../customers/customer-lookup.util.js';
import { selectOne, selectRows } from '../database/sql.util.js';
import { AssociationRulesRepository } from '../recommendations/association-rules.repository.js';
import { CustomerOrdersRepository } from '../recommendations/customer-orders.repository.js';
import { ActionContextFactory, type StepQueries } from './action-context.factory.js';
import { CustomerRulesService } from './rules/customer-rules.service.js';
import { decideStep } from './step-decision.util.js';
import { actionCustomer, actionTrigger } from './step-environment.loader.js';
import { previewMessage, previewOutcome, secretPlaceholder } from './step-preview.mapper.js';
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

/**
 * Runs one step of a journey for a real customer as a dry run: the node's own code, on the
 * customer's profile, events and newest run of the journey (its context and trigger), in a
 * read-only transaction. What it would send, set and decide is answered; nothing is sent,
 * written or enqueued. `ctx.http` is refused and `ctx.secret` answers a placeholder, so a
 * preview neither calls other services nor shows a secret. Frequency caps, quiet hours and
 * rate limits are not applied: they hold a message back, they do not change it.
 */
@Injectable()
export class StepPreviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ActionRegistry,
    private readonly contexts: ActionContextFactory,
    private readonly rules: CustomerRulesService,
    private readonly recommendations: AssociationRulesRepository,
    private readonly orders: CustomerOrdersRepository,
    private readonly config: AppConfig,
  ) {}

  async preview(
    workspaceId: string,
    journeyId: string,
    body: StepPreviewBody,
  ): Promise<StepPreview> {
    const { node } = body;
    const action = this.resolve(node);
    const config = action.parseConfig(node.config);
    if (!config.success)
      throw refused(
        node,
        zodIssues(config.error, 'node.config').map((i) => ({ ...i, nodeId: node.id })),
      );
    return this.db.transaction('REPEATABLE READ', async (em) => {
      await em.query('SET TRANSACTION READ ONLY');
      const journey = await selectOne<{ graph: JourneyGraph; timezone: string }>(
        em,
        `SELECT j.draft_graph AS graph, w.timezone
           FROM journeys j JOIN workspaces w ON w.id = j.workspace_id
          WHERE j.id = $1 AND j.workspace_id = $2`,
        [journeyId, workspaceId],
      );
      if (!journey) throw notFound(`journey ${journeyId} not found`);
      const trigger = draftTrigger(journey.graph);
      if (!trigger)
        throw refused(node, [
          {
            field: 'trigger',
            message: 'choose what starts the journey first: a step runs with its trigger',
            nodeId: node.id,
          },
        ]);
      const customer = await this.customer(em, workspaceId, journeyId, trigger, body.customer);
      const run = await selectOne<RunRow>(
        em,
        `SELECT e.id::text, e.status, e.created_at, e.context, e.trigger_data,
                COALESCE(t.as_of, e.created_at) AS trigger_at
           FROM enrollments e LEFT JOIN segment_transitions t ON t.id = e.transition_id
          WHERE e.journey_id = $1 AND e.customer_id = $2 ORDER BY e.created_at DESC LIMIT 1`,
        [journeyId, customer.id],
      );
      const now = new Date();
      const segmentId = triggerSegmentId(trigger);
      const segment = segmentId
        ? await selectOne<{ name: string }>(
            em,
            'SELECT name FROM segments WHERE id = $1 AND workspace_id = $2',
            [segmentId, workspaceId],
          )
        : undefined;
      const { ctx, effects } = this.contexts.create(
        {
          workspaceId,
          workspaceTimezone: journey.timezone,
          enrollmentId: run?.id ?? 'preview',
          journeyId,
          versionId: 'preview',
          node,
          seq: 0,
          customer: actionCustomer(customer, journey.timezone),
          trigger: actionTrigger(
            trigger,
            segment?.name ?? null,
            run ? run.trigger_data : await this.sampleEvent(em, trigger, customer.id),
            run?.trigger_at ?? now,
          ),
          context: run?.context ?? {},
          now,
        },
        this.queries(em, workspaceId, customer.id, now),
      );
      let outcome: StepPreviewOutcome;
      try {
        const result = await withinTime(
          action.execute(ctx, config.data),
          this.config.values.STEP_PREVIEW_TIMEOUT_MS,
        );
        outcome = previewOutcome(
          decideStep(result, {
            graph: journey.graph,
            nodeId: node.id,
            outputs: action.outputsFor(config.data),
          }),
        );
      } catch (error) {
        outcome = { kind: 'error', message: (error as Error).message };
      }
      const ran = outcome.kind !== 'error';
      return {
        customer: { id: customer.id, externalId: customer.external_id, pick: customer.pick },
        run: run
          ? { id: run.id, startedAt: run.created_at.toISOString(), status: run.status }
          : null,
        outcome,
        messages: ran ? effects.messages.map(previewMessage) : [],
        traits: ran ? effects.traits : {},
        audiences: ran ? await this.audiences(em, workspaceId, effects.audiences) : [],
      };
    });
  }

  private resolve(node: JourneyNode) {
    if (node.type === TRIGGER_NODE_TYPE)
      throw refused(node, [
        {
          field: 'node.type',
          message: 'the trigger is not a step: preview a step after it',
          nodeId: node.id,
        },
      ]);
    const action = this.registry.resolve(node.type, node.typeVersion);
    if (!action)
      throw refused(node, [
        {
          field: 'node.type',
          message: `node type ${node.type}${node.typeVersion ? `@${node.typeVersion}` : ''} is not installed`,
          nodeId: node.id,
        },
      ]);
    return action;
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
          WHERE workspace_id = $1 AND ${key.column === 'id' ? 'id = $2::bigint' : 'external_id = $2'}`,
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

  /** What the step may ask, read in the preview's transaction; nothing leaves the server. */
  private queries(
    em: EntityManager,
    workspaceId: string,
    customerId: string,
    now: Date,
  ): StepQueries {
    return {
      matches: (rule) => this.rules.matches(em, workspaceId, customerId, rule, now),
      recommendations: (limit) =>
        this.recommendations.forCustomer(workspaceId, customerId, limit, em),
      orderSummary: () => this.orders.summary(workspaceId, customerId, now, em),
      http: () =>
        Promise.reject(
          new FatalActionError(
            'ctx.http: a preview does not call other services (this step makes a request when it runs)',
          ),
        ),
      secret: async (name) => {
        const row = await selectOne<{ set: boolean }>(
          em,
          'SELECT COALESCE(secrets ? $2, false) AS set FROM workspaces WHERE id = $1',
          [workspaceId, name],
        );
        return row?.set ? secretPlaceholder(name) : undefined;
      },
    };
  }

  private async audiences(
    em: EntityManager,
    workspaceId: string,
    ids: readonly string[],
  ): Promise<{ id: string; name: string | null }[]> {
    if (ids.length === 0) return [];
    const rows = await selectRows<{ id: string; name: string }>(
      em,
      'SELECT id::text, name FROM audiences WHERE id = ANY($1::uuid[]) AND workspace_id = $2',
      [[...new Set(ids)], workspaceId],
    );
    const names = new Map(rows.map((r) => [r.id, r.name]));
    return [...new Set(ids)].map((id) => ({ id, name: names.get(id) ?? null }));
  }
}

/** The draft's trigger when its settings are complete, else null. */
function draftTrigger(graph: JourneyGraph): Trigger | null {
  const node = graph.nodes.find((n) => n.type === TRIGGER_NODE_TYPE);
  const parsed = node ? triggerSchema.safeParse(node.config) : null;
  return parsed?.success ? parsed.data : null;
}

/**
 * The action's result, or an error once `ms` have passed (a plugin that never answers must
 * not hold the request and its transaction). What the action does later is discarded.
 */
async function withinTime<T>(work: T | Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the step did not finish within ${ms / 1000} s`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

function refused(
  node: JourneyNode,
  issues: { field: string; message: string; nodeId: string }[],
): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `step "${node.label ?? node.id}" cannot be previewed: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`,
    issues,
  });
}

function notFound(message: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'Not Found', message });
}
