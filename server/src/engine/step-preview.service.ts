import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_OUTPUT,
  type JourneyNode,
  type JourneyWalk,
  type JourneyWalkBody,
  type JourneyWalkEnd,
  type JourneyWalkStep,
  type StepDryRun,
  type StepPreview,
  type StepPreviewBody,
  type StepPreviewCustomer,
  type StepPreviewRun,
  TRIGGER_NODE_TYPE,
  zodIssues,
} from '@switchyard/contracts';
import { type ActionDefinition, FatalActionError } from '@switchyard/sdk';
import type { DataSource, EntityManager } from 'typeorm';
import { ActionRegistry } from '../actions/action-registry.service.js';
import { withinTime } from '../common/deadline.util.js';
import { AppConfig } from '../config/app-config.service.js';
import { selectOne, selectRows } from '../database/sql.util.js';
import { AssociationRulesRepository } from '../recommendations/association-rules.repository.js';
import { CustomerActivityRepository } from '../recommendations/customer-activity.repository.js';
import { CustomerOrdersRepository } from '../recommendations/customer-orders.repository.js';
import {
  ActionContextFactory,
  type CollectedMessage,
  type StepQueries,
} from './action-context.factory.js';
import { CustomerRulesService } from './rules/customer-rules.service.js';
import { decideStep, nextNodeOf, type StepDecision } from './step-decision.util.js';
import { StepPreviewHolds } from './step-preview-holds.service.js';
import { type PreviewScene, StepPreviewSceneLoader } from './step-preview-scene.loader.js';
import { previewMessage, previewOutcome, secretPlaceholder } from './step-preview.mapper.js';

/** A walk stops after this many steps (a loop that passes only through waits, skipped here). */
export const WALK_STEP_LIMIT = 50;

/**
 * What a step of a dry run starts from: the context so far, the traits earlier steps of the
 * walk set (not written: the step's templates and conditions see them merged over the
 * stored profile) and the step's number.
 */
interface StepState {
  context: Record<string, unknown>;
  traitsSet: Record<string, unknown>;
  seq: number;
  /** Messages earlier steps of the walk would send: they count toward frequency caps. */
  earlier: readonly CollectedMessage[];
  /** What `ctx.secret` answers; by default a placeholder for a set secret, never its value. */
  secret?: SecretReader | undefined;
}

/** `ctx.secret` of a dry run. */
export type SecretReader = (name: string) => Promise<string | undefined>;

/** One step's dry run: what the preview shows, and the engine's decision behind it. */
interface StepRun {
  shown: StepDryRun;
  decision: StepDecision;
  /** The messages that would go out (none when a frequency cap holds them back). */
  sent: readonly CollectedMessage[];
}

/**
 * Runs a journey's steps for a real customer as a dry run: the nodes' own code, on the
 * customer's profile and events, in a read-only transaction. One step (`preview`: with the
 * context of the customer's newest run) or the whole journey (`walk`: from the trigger's
 * first step, each step's context and traits carried to the next, waits passed at once).
 * What the steps would send, set and decide is answered; nothing is sent, written or
 * enqueued. `ctx.http` is refused and `ctx.secret` answers a placeholder, so a preview
 * neither calls other services nor shows a secret. Whether quiet hours or a frequency cap
 * would hold a step's messages back is answered as of now (MessageGateService.preview);
 * a node's rate limit depends on the traffic of the moment and is not.
 */
@Injectable()
export class StepPreviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registry: ActionRegistry,
    private readonly contexts: ActionContextFactory,
    private readonly scenes: StepPreviewSceneLoader,
    private readonly rules: CustomerRulesService,
    private readonly recommendations: AssociationRulesRepository,
    private readonly orders: CustomerOrdersRepository,
    private readonly activity: CustomerActivityRepository,
    private readonly holds: StepPreviewHolds,
    private readonly config: AppConfig,
  ) {}

  async preview(
    workspaceId: string,
    journeyId: string,
    body: StepPreviewBody,
    /** A test send renders the request it really sends: the secrets' values. */
    options: { secret?: SecretReader } = {},
  ): Promise<StepPreview> {
    const { node } = body;
    const action = this.resolve(node);
    if (!action.ok) throw refused(node, action.issue);
    const config = action.action.parseConfig(node.config);
    if (!config.success)
      throw refused(
        node,
        ...zodIssues(config.error, 'node.config').map((i) => ({ ...i, nodeId: node.id })),
      );
    return this.readOnly(async (em) => {
      const scene = await this.scenes.load(em, workspaceId, journeyId, {
        customer: body.customer,
      });
      const step = await this.runStep(em, scene, node, action.action, config.data, {
        context: scene.run?.context ?? {},
        traitsSet: {},
        seq: 0,
        earlier: [],
        secret: options.secret,
      });
      return { customer: customerOf(scene), run: runOf(scene), ...step.shown };
    });
  }

  async walk(workspaceId: string, journeyId: string, body: JourneyWalkBody): Promise<JourneyWalk> {
    return this.readOnly(async (em) => {
      const scene = await this.scenes.load(em, workspaceId, journeyId, body);
      const { graph } = scene;
      const trigger = graph.nodes.find((n) => n.type === TRIGGER_NODE_TYPE);
      const steps: JourneyWalkStep[] = [];
      let context: Record<string, unknown> = {};
      let traitsSet: Record<string, unknown> = {};
      let earlier: readonly CollectedMessage[] = [];
      let nodeId = trigger ? nextNodeOf(graph, trigger.id, DEFAULT_OUTPUT) : null;
      let end: JourneyWalkEnd = { kind: 'completed' };
      while (nodeId !== null) {
        if (steps.length >= WALK_STEP_LIMIT) {
          end = { kind: 'limit', steps: steps.length };
          break;
        }
        const node = graph.nodes.find((n) => n.id === nodeId);
        if (!node) {
          end = { kind: 'broken', nodeId };
          break;
        }
        const step = await this.walkStep(em, scene, node, {
          context,
          traitsSet,
          seq: steps.length,
          earlier,
        });
        earlier = [...earlier, ...step.sent];
        steps.push({
          nodeId: node.id,
          nodeType: node.type,
          label: node.label ?? null,
          ...step.shown,
        });
        const { decision } = step;
        switch (decision.kind) {
          case 'advance':
            context = { ...context, ...decision.context };
            traitsSet = { ...traitsSet, ...step.shown.traits };
            nodeId = decision.nextNodeId;
            break;
          case 'wait':
            context = { ...context, ...decision.context };
            nodeId = nextNodeOf(graph, node.id, decision.output);
            break;
          case 'exit':
            end = { kind: 'exited', reason: decision.reason };
            nodeId = null;
            break;
          case 'fail':
            end = { kind: 'failed' };
            nodeId = null;
            break;
          default: {
            const unknown: never = decision;
            throw new Error(`unknown decision ${JSON.stringify(unknown)}`);
          }
        }
      }
      return { customer: customerOf(scene), run: runOf(scene), steps, end };
    });
  }

  /** A step of a walk: a node the server cannot run is that step's failure, not a 400. */
  private async walkStep(
    em: EntityManager,
    scene: PreviewScene,
    node: JourneyNode,
    state: StepState,
  ): Promise<StepRun> {
    const action = this.resolve(node);
    if (!action.ok) return failedRun(action.issue.message);
    const config = action.action.parseConfig(node.config);
    if (!config.success)
      return failedRun(
        `invalid settings: ${zodIssues(config.error)
          .map((i) => `${i.field} ${i.message}`)
          .join('; ')}`,
      );
    return this.runStep(em, scene, node, action.action, config.data, state);
  }

  private async runStep(
    em: EntityManager,
    scene: PreviewScene,
    node: JourneyNode,
    action: ActionDefinition,
    config: unknown,
    state: StepState,
  ): Promise<StepRun> {
    const { ctx, effects } = this.contexts.create(
      {
        workspaceId: scene.workspaceId,
        workspaceTimezone: scene.workspaceTimezone,
        // A random split draws from this key: per customer, as a real run would be.
        enrollmentId: scene.run?.id ?? `preview-${scene.customer.id}`,
        journeyId: scene.journeyId,
        versionId: 'preview',
        node,
        seq: state.seq,
        customer: {
          ...scene.customer,
          traits: mergedTraits(scene.customer.traits, state.traitsSet),
        },
        trigger: scene.trigger,
        context: state.context,
        now: scene.now,
        dryRun: true,
      },
      this.queries(em, scene, state),
    );
    let decision: StepDecision;
    try {
      // A plugin that never answers must not hold the request and its transaction.
      const ms = this.config.values.STEP_PREVIEW_TIMEOUT_MS;
      const result = await withinTime(
        action.execute(ctx, config),
        ms,
        `the step did not finish within ${ms / 1000} s`,
      );
      decision = decideStep(result, {
        graph: scene.graph,
        nodeId: node.id,
        outputs: action.outputsFor(config),
      });
    } catch (error) {
      return failedRun((error as Error).message);
    }
    if (decision.kind === 'fail') return failedRun(decision.error);
    const { held, sent } = await this.holds.of(em, scene, effects.messages, state.earlier);
    return {
      decision,
      shown: {
        outcome: previewOutcome(decision),
        messages: effects.messages.map(previewMessage),
        held,
        traits: effects.traits,
        audiences: await this.audiences(em, scene.workspaceId, effects.audiences),
      },
      sent,
    };
  }

  private readOnly<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction('REPEATABLE READ', async (em) => {
      await em.query('SET TRANSACTION READ ONLY');
      return work(em);
    });
  }

  private resolve(
    node: JourneyNode,
  ):
    | { ok: true; action: ActionDefinition }
    | { ok: false; issue: { field: string; message: string; nodeId: string } } {
    const issue = (message: string) => ({
      ok: false as const,
      issue: { field: 'node.type', message, nodeId: node.id },
    });
    if (node.type === TRIGGER_NODE_TYPE)
      return issue('the trigger is not a step: preview a step after it');
    const action = this.registry.resolve(node.type, node.typeVersion);
    if (!action)
      return issue(
        `node type ${node.type}${node.typeVersion ? `@${node.typeVersion}` : ''} is not installed`,
      );
    return { ok: true, action };
  }

  /** What a step may ask, read in the preview's transaction; nothing leaves the server. */
  private queries(
    em: EntityManager,
    scene: PreviewScene,
    { traitsSet, secret }: StepState,
  ): StepQueries {
    const { workspaceId, now } = scene;
    const customerId = scene.customer.id;
    return {
      matches: (rule) => this.rules.matches(em, workspaceId, customerId, rule, now, traitsSet),
      recommendations: (limit) =>
        this.recommendations.forCustomer(workspaceId, customerId, limit, em),
      orderSummary: () => this.orders.summary(workspaceId, customerId, now, em),
      usualHour: (timeZone) => this.activity.usualHour(workspaceId, customerId, timeZone, now, em),
      http: () =>
        Promise.reject(
          new FatalActionError(
            'ctx.http: a preview does not call other services (this step makes a request when it runs)',
          ),
        ),
      secret:
        secret ??
        (async (name) => {
          const row = await selectOne<{ set: boolean }>(
            em,
            'SELECT COALESCE(secrets ? $2, false) AS set FROM workspaces WHERE id = $1',
            [workspaceId, name],
          );
          return row?.set ? secretPlaceholder(name) : undefined;
        }),
    };
  }

  private async audiences(
    em: EntityManager,
    workspaceId: string,
    ids: readonly string[],
  ): Promise<{ id: string; name: string | null }[]> {
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const rows = await selectRows<{ id: string; name: string }>(
      em,
      'SELECT id::text, name FROM audiences WHERE id = ANY($1::uuid[]) AND workspace_id = $2',
      [unique, workspaceId],
    );
    const names = new Map(rows.map((r) => [r.id, r.name]));
    return unique.map((id) => ({ id, name: names.get(id) ?? null }));
  }
}

/** Traits as a step's trait update leaves them: merged, a null value removing the trait. */
function mergedTraits(
  stored: Record<string, unknown>,
  set: Record<string, unknown>,
): Record<string, unknown> {
  const merged = { ...stored, ...set };
  for (const [name, value] of Object.entries(set)) if (value === null) delete merged[name];
  return merged;
}

function customerOf(scene: PreviewScene): StepPreviewCustomer {
  const { id, externalId, pick } = scene.customer;
  return { id, externalId, pick };
}

function runOf(scene: PreviewScene): StepPreviewRun | null {
  const { run } = scene;
  return run ? { id: run.id, startedAt: run.startedAt.toISOString(), status: run.status } : null;
}

/** A step that would fail: nothing it asked for is shown. */
function failedRun(message: string): StepRun {
  return {
    decision: { kind: 'fail', error: message },
    shown: {
      outcome: { kind: 'error', message },
      messages: [],
      held: null,
      traits: {},
      audiences: [],
    },
    sent: [],
  };
}

function refused(
  node: JourneyNode,
  ...issues: { field: string; message: string; nodeId: string }[]
): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `step "${node.label ?? node.id}" cannot be previewed: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`,
    issues,
  });
}
