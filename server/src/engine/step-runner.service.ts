import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JourneyNode, JourneyStatus, Rule } from '@switchyard/contracts';
import type { ActionResult, EventWait } from '@switchyard/sdk';
import type { DataSource, EntityManager } from 'typeorm';
import { ActionRegistry } from '../actions/action-registry.service.js';
import { selectOne, selectRows } from '../database/sql.util.js';
import { LOCK_ENROLLMENTS_SQL } from './enrollment-lock.sql.js';
import { AssociationRulesRepository } from '../recommendations/association-rules.repository.js';
import { CustomerActivityRepository } from '../recommendations/customer-activity.repository.js';
import { CustomerOrdersRepository } from '../recommendations/customer-orders.repository.js';
import { ActionContextFactory } from './action-context.factory.js';
import { NodeHttpService } from './node-http.service.js';
import { EXIT_REASONS } from './enrollment/enrollment-exits.service.js';
import type { EnrollmentStatus } from './enrollment.types.js';
import type { JourneyStepJobData } from './journey-step.job.js';
import { CustomerRulesService } from './rules/customer-rules.service.js';
import { decideStep } from './step-decision.util.js';
import { dueNow, isFatal, onlyInserted, stepOf, target } from './step-runner.util.js';
import { StepEffectsService } from './step-effects.service.js';
import { RuleMatchBatch } from './rules/rule-match.batch.js';
import {
  buildEnvironment,
  type EnvironmentRow,
  StepEnvironmentLoader,
} from './step-environment.loader.js';
import type { StepEnvironment } from './step-environment.types.js';
import { StepWrites } from './step-writes.buffer.js';
import {
  NOTHING_TO_DO,
  StepRecorder,
  type StepFollowUp,
  type StepTarget,
} from './step-recorder.service.js';
import { VersionCacheService, type CachedVersion } from './version-cache.service.js';

export interface LockedEnrollment {
  id: string;
  workspace_id: string;
  journey_id: string;
  journey_status: JourneyStatus;
  version_id: string;
  customer_id: string;
  transition_id: string | null;
  trigger_data: Record<string, unknown> | null;
  status: EnrollmentStatus;
  current_node_id: string;
  step_seq: number;
  context: Record<string, unknown>;
  created_at: Date;
  /** The current visit's step row, read with the lock (null before the node ran). */
  step_status: StepRow['status'] | null;
  step_output: string | null;
  step_resume_at: Date | null;
  step_resume_due: boolean | null;
  step_entered_at: Date | null;
  step_wait_event: EventWait | null;
}

/** What the steps of one transaction share (see StepRunnerService.scope). */
export interface StepScope {
  writes: StepWrites;
  now: Date;
  matches(workspaceId: string, customerId: string, rule: Rule): Promise<boolean>;
  environment(
    enrollment: LockedEnrollment,
    version: CachedVersion,
    node: JourneyNode,
  ): Promise<StepEnvironment | undefined>;
}

export interface StepRow {
  status: 'waiting' | 'completed' | 'failed' | 'skipped';
  output: string | null;
  resume_at: Date | null;
  resume_due: boolean;
  entered_at: Date;
  wait_event: EventWait | null;
}

/**
 * One step per job, in one transaction (invariant 5): lock the enrollment, check it is
 * at this node and visit (a replay is a no-op), run the node's action, record the step,
 * the next node and the step's effects (outbox rows, traits, audiences), commit. The
 * caller enqueues the follow-up after commit.
 */
@Injectable()
export class StepRunnerService {
  private readonly logger = new Logger(StepRunnerService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly versions: VersionCacheService,
    private readonly registry: ActionRegistry,
    private readonly contexts: ActionContextFactory,
    private readonly environments: StepEnvironmentLoader,
    private readonly recorder: StepRecorder,
    private readonly rules: CustomerRulesService,
    private readonly effects: StepEffectsService,
    private readonly recommendations: AssociationRulesRepository,
    private readonly orders: CustomerOrdersRepository,
    private readonly activity: CustomerActivityRepository,
    private readonly nodeHttp: NodeHttpService,
  ) {}

  run(job: JourneyStepJobData): Promise<StepFollowUp> {
    return this.db.transaction(async (em) => {
      const [enrollment] = (await this.lockMany(em, [job.enrollmentId])).values();
      const scope = this.scope(em, new Date());
      const followUp = await this.runLocked(scope, job, enrollment);
      return onlyInserted(followUp, await scope.writes.flush());
    });
  }

  /**
   * What one transaction's steps share: the writes (flushed once before commit), the
   * environment source (a batch preloads it) and the coalesced condition checks.
   */
  scope(em: EntityManager, now: Date, preloaded?: Map<string, EnvironmentRow>): StepScope {
    const matcher = new RuleMatchBatch(this.rules, em);
    return {
      writes: new StepWrites(em),
      now,
      matches: (workspaceId, customerId, rule) =>
        matcher.matches(workspaceId, customerId, rule, now),
      environment: async (enrollment, version, node) => {
        const row = preloaded?.get(enrollment.id);
        if (row) return buildEnvironment(row, enrollment, version, node, now);
        return this.environments.load(em, enrollment, version, node);
      },
    };
  }

  /**
   * The step of `job` for an enrollment this transaction has locked: a replay, a job for a
   * paused or stopped journey or one that came early is decided from the rows; otherwise
   * the node runs. Writes go to `scope.writes`, which the caller flushes.
   */
  async runLocked(
    scope: StepScope,
    job: JourneyStepJobData,
    enrollment: LockedEnrollment | undefined,
  ): Promise<StepFollowUp> {
    const em = scope.writes.em;
    if (!enrollment || enrollment.status !== 'active') return NOTHING_TO_DO;
    if (enrollment.current_node_id !== job.nodeId || enrollment.step_seq !== job.seq)
      return job.wake ? NOTHING_TO_DO : this.currentStep(em, enrollment);
    // Paused: hold here; resuming the journey re-enqueues every active run.
    if (enrollment.journey_status === 'paused') return NOTHING_TO_DO;
    const version = await this.versions.get(em, enrollment.version_id);
    const node = version?.nodes.get(job.nodeId);
    const at = target(enrollment, job.nodeId, node?.type ?? 'unknown', version);
    if (enrollment.journey_status === 'stopped')
      return this.recorder.exitEarly(scope.writes, at, EXIT_REASONS.stopped);
    if (!version || !node)
      return this.recorder.fail(scope.writes, at, 'the node is not in the journey version');
    if (await this.goalReached(em, enrollment, version))
      return this.recorder.exitEarly(scope.writes, at, EXIT_REASONS.goal);
    const step = stepOf(enrollment);
    if (step?.status === 'waiting') return this.checkWait(scope, enrollment, at, step, job);
    if (step || job.wake) return NOTHING_TO_DO;
    return this.execute(scope, enrollment, version, node, at);
  }

  /** After the last retry of a retryable error: the step and the enrollment fail. */
  async recordFinalFailure(job: JourneyStepJobData, error: string): Promise<void> {
    if (job.wake) return;
    await this.db.transaction(async (em) => {
      const [enrollment] = (await this.lockMany(em, [job.enrollmentId])).values();
      if (
        !enrollment ||
        enrollment.status !== 'active' ||
        enrollment.current_node_id !== job.nodeId ||
        enrollment.step_seq !== job.seq
      )
        return;
      const version = await this.versions.get(em, enrollment.version_id);
      const nodeType = version?.nodes.get(job.nodeId)?.type ?? 'unknown';
      const writes = new StepWrites(em);
      this.recorder.fail(
        writes,
        target(enrollment, job.nodeId, nodeType, version),
        `gave up after retries: ${error}`,
      );
      await writes.flush();
    });
  }

  private async execute(
    scope: StepScope,
    enrollment: LockedEnrollment,
    version: CachedVersion,
    node: JourneyNode,
    at: StepTarget,
  ): Promise<StepFollowUp> {
    const { writes } = scope;
    const action = this.registry.resolve(node.type, node.typeVersion);
    if (!action)
      return this.recorder.fail(
        writes,
        at,
        `node type ${node.type}@${node.typeVersion ?? 'latest'} is not installed`,
      );
    const config = action.parseConfig(node.config);
    if (!config.success)
      return this.recorder.fail(writes, at, `invalid settings: ${config.error.message}`);
    const env = await scope.environment(enrollment, version, node);
    if (!env) return this.recorder.fail(writes, at, 'the customer no longer exists');
    const { ctx, effects } = this.contexts.create(env, {
      matches: (rule) => scope.matches(enrollment.workspace_id, enrollment.customer_id, rule),
      recommendations: (limit) =>
        this.recommendations.forCustomer(
          enrollment.workspace_id,
          enrollment.customer_id,
          limit,
          scope.writes.em,
        ),
      orderSummary: () =>
        this.orders.summary(
          enrollment.workspace_id,
          enrollment.customer_id,
          env.now,
          scope.writes.em,
        ),
      usualHour: (timeZone) =>
        this.activity.usualHour(
          enrollment.workspace_id,
          enrollment.customer_id,
          timeZone,
          env.now,
          scope.writes.em,
        ),
      http: (request) => this.nodeHttp.request(enrollment.workspace_id, request),
      secret: (name) => this.nodeHttp.secret(enrollment.workspace_id, name),
    });
    let result: ActionResult;
    try {
      result = await action.execute(ctx, config.data);
    } catch (error) {
      // A plugin's failure names the plugin, in the step's error and the retry's.
      const plugin = this.registry.pluginOf(action);
      const message = `${plugin ? `${node.type} (plugin ${plugin}): ` : ''}${(error as Error).message}`;
      if (!isFatal(error)) throw plugin ? new Error(message, { cause: error }) : error;
      this.logger.warn(`step ${enrollment.id}/${node.id} failed: ${message}`);
      return this.recorder.fail(writes, at, message);
    }
    const decision = dueNow(
      decideStep(result, {
        graph: version.graph,
        nodeId: node.id,
        outputs: action.outputsFor(config.data),
      }),
      version.graph,
      node.id,
    );
    if (decision.kind === 'fail') return this.recorder.record(writes, at, decision);
    const applied = await this.effects.apply(writes, { enrollment, version, env, effects });
    switch (applied.kind) {
      case 'defer':
        return { ...NOTHING_TO_DO, notBefore: applied.until };
      case 'fail':
        return this.recorder.fail(writes, at, applied.error);
      case 'applied': {
        const followUp = this.recorder.record(
          writes,
          at,
          decision,
          applied.skipped ? { skipped: applied.skipped } : null,
        );
        return {
          ...followUp,
          outboxIds: applied.outboxIds,
          traitsChanged: applied.traitsChanged
            ? { workspaceId: enrollment.workspace_id, customerId: enrollment.customer_id }
            : null,
        };
      }
      default: {
        const never: never = applied;
        throw new Error(`unknown effects outcome ${JSON.stringify(never)}`);
      }
    }
  }

  /** A waiting step: the event it listens for, else its time, else not yet. */
  private async checkWait(
    scope: StepScope,
    enrollment: LockedEnrollment,
    at: StepTarget,
    step: StepRow,
    job: JourneyStepJobData,
  ): Promise<StepFollowUp> {
    const { writes } = scope;
    if (step.wait_event) {
      const now = scope.now;
      const until =
        step.resume_at && step.resume_at.getTime() < now.getTime() ? step.resume_at : now;
      const event = await this.rules.firstEvent(writes.em, enrollment.customer_id, {
        name: step.wait_event.name,
        where: step.wait_event.where,
        since: step.entered_at,
        until,
      });
      if (event)
        return this.recorder.resume(
          writes,
          at,
          step.wait_event.output,
          `${step.wait_event.name} at ${event.ts.toISOString()}`,
        );
    }
    if (step.resume_due) return this.recorder.resume(writes, at, step.output);
    return job.wake ? NOTHING_TO_DO : { ...NOTHING_TO_DO, notBefore: step.resume_at };
  }

  private async goalReached(
    em: EntityManager,
    enrollment: LockedEnrollment,
    version: CachedVersion,
  ): Promise<boolean> {
    const { goal, exit } = version.settings;
    if (!goal || !exit.onGoal) return false;
    const windowEnd = new Date(enrollment.created_at.getTime() + goal.withinDays * 86_400_000);
    const now = new Date();
    const event = await this.rules.firstEvent(em, enrollment.customer_id, {
      name: goal.event,
      where: goal.where,
      since: enrollment.created_at,
      until: windowEnd < now ? windowEnd : now,
    });
    return event !== undefined;
  }

  /** A replay found the enrollment elsewhere: make sure its current step has a job. */
  private async currentStep(
    em: EntityManager,
    enrollment: LockedEnrollment,
  ): Promise<StepFollowUp> {
    const step = await this.stepRow(em, enrollment.id, enrollment.step_seq);
    const waiting = step?.status === 'waiting';
    return {
      ...NOTHING_TO_DO,
      steps: [
        {
          kind: waiting ? 'resume' : 'step',
          enrollmentId: enrollment.id,
          nodeId: enrollment.current_node_id,
          seq: enrollment.step_seq,
          ...(waiting && step.resume_at ? { runAt: step.resume_at } : {}),
        },
      ],
    };
  }

  /** Locks the enrollments in id order (so two batches cannot deadlock), by id. */
  async lockMany(
    em: EntityManager,
    enrollmentIds: readonly string[],
  ): Promise<Map<string, LockedEnrollment>> {
    const rows = await selectRows<LockedEnrollment>(em, LOCK_ENROLLMENTS_SQL, [enrollmentIds]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  private stepRow(
    em: EntityManager,
    enrollmentId: string,
    seq: number,
  ): Promise<StepRow | undefined> {
    return selectOne<StepRow>(
      em,
      `SELECT status, output, resume_at, entered_at, wait_event,
              (resume_at IS NULL OR resume_at <= now() + interval '1 second') AS resume_due
         FROM enrollment_steps WHERE enrollment_id = $1 AND seq = $2`,
      [enrollmentId, seq],
    );
  }
}
