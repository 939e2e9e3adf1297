import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JourneyNode } from '@switchyard/contracts';
import type { ActionResult } from '@switchyard/sdk';
import type { DataSource, EntityManager } from 'typeorm';
import { ActionRegistry } from '../actions/action-registry.service.js';
import { AppConfig } from '../config/app-config.service.js';
import { OutboxRepository } from '../channels/outbox.repository.js';
import { ActionContextFactory, stepIdempotencyKey } from './action-context.factory.js';
import type { EnrollmentStatus } from './enrollment.types.js';
import type { JourneyStepJobData } from './journey-step.job.js';
import { decideStep } from './step-decision.util.js';
import { StepEnvironmentLoader } from './step-environment.loader.js';
import {
  NOTHING_TO_DO,
  StepRecorder,
  type StepFollowUp,
  type StepTarget,
} from './step-recorder.service.js';
import { selectOne } from '../database/sql.util.js';
import { VersionCacheService, type CachedVersion } from './version-cache.service.js';

export interface LockedEnrollment {
  id: string;
  workspace_id: string;
  journey_id: string;
  version_id: string;
  customer_id: string;
  transition_id: string | null;
  status: EnrollmentStatus;
  current_node_id: string;
  context: Record<string, unknown>;
  created_at: Date;
}

interface StepRow {
  status: 'waiting' | 'completed' | 'failed';
  output: string | null;
  resume_at: Date | null;
  resume_due: boolean;
}

/**
 * One step per job, in one transaction (invariant 5): lock the enrollment, check it
 * is at this node (a replay is a no-op), run the node's action, record the step, the
 * next node and any outbox rows, commit. The caller enqueues the follow-up after commit.
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
    private readonly outbox: OutboxRepository,
    private readonly config: AppConfig,
  ) {}

  run(job: JourneyStepJobData): Promise<StepFollowUp> {
    return this.db.transaction(async (em) => {
      const enrollment = await this.lock(em, job.enrollmentId);
      if (!enrollment || enrollment.status !== 'active') return NOTHING_TO_DO;
      if (enrollment.current_node_id !== job.nodeId) return this.currentStep(em, enrollment);
      const version = await this.versions.get(em, enrollment.version_id);
      const node = version?.nodes.get(job.nodeId);
      if (!version || !node)
        return this.recorder.fail(
          em,
          target(enrollment, job.nodeId, node?.type ?? 'unknown', version),
          'the node is not in the journey version',
        );
      const step = await this.stepRow(em, enrollment.id, node.id);
      if (step?.status === 'waiting') {
        if (step.resume_due)
          return this.recorder.resume(
            em,
            target(enrollment, node.id, node.type, version),
            step.output,
          );
        return { ...NOTHING_TO_DO, notBefore: step.resume_at };
      }
      if (step) return NOTHING_TO_DO;
      return this.execute(em, enrollment, version, node);
    });
  }

  /** After the last retry of a retryable error: the step and the enrollment fail. */
  async recordFinalFailure(job: JourneyStepJobData, error: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const enrollment = await this.lock(em, job.enrollmentId);
      if (
        !enrollment ||
        enrollment.status !== 'active' ||
        enrollment.current_node_id !== job.nodeId
      )
        return;
      const version = await this.versions.get(em, enrollment.version_id);
      const nodeType = version?.nodes.get(job.nodeId)?.type ?? 'unknown';
      await this.recorder.fail(
        em,
        target(enrollment, job.nodeId, nodeType, version),
        `gave up after retries: ${error}`,
      );
    });
  }

  private async execute(
    em: EntityManager,
    enrollment: LockedEnrollment,
    version: CachedVersion,
    node: JourneyNode,
  ): Promise<StepFollowUp> {
    const at = target(enrollment, node.id, node.type, version);
    const action = this.registry.resolve(node.type, node.typeVersion);
    if (!action)
      return this.recorder.fail(
        em,
        at,
        `node type ${node.type}@${node.typeVersion ?? 'latest'} is not installed`,
      );
    const config = action.parseConfig(node.config);
    if (!config.success)
      return this.recorder.fail(em, at, `invalid settings: ${config.error.message}`);
    const env = await this.environments.load(em, enrollment, version, node);
    if (!env) return this.recorder.fail(em, at, 'the customer no longer exists');
    const { ctx, effects } = this.contexts.create(env);
    let result: ActionResult;
    try {
      result = await action.execute(ctx, config.data);
    } catch (error) {
      if (!isFatal(error)) throw error;
      this.logger.warn(`step ${enrollment.id}/${node.id} failed: ${error.message}`);
      return this.recorder.fail(em, at, error.message);
    }
    const decision = decideStep(result, {
      graph: version.graph,
      nodeId: node.id,
      outputs: action.outputsFor(config.data),
    });
    const outboxIds =
      decision.kind === 'fail'
        ? []
        : await this.outbox.insertEmails(em, {
            workspaceId: enrollment.workspace_id,
            enrollmentId: enrollment.id,
            nodeId: node.id,
            idempotencyKey: stepIdempotencyKey(enrollment.id, node.id),
            emails: effects.emails.map((email) => ({
              ...email,
              from: this.config.values.EMAIL_FROM,
            })),
          });
    const followUp = await this.recorder.record(em, at, decision);
    return { ...followUp, outboxIds };
  }

  /** A replay found the enrollment elsewhere: make sure its current step has a job. */
  private async currentStep(
    em: EntityManager,
    enrollment: LockedEnrollment,
  ): Promise<StepFollowUp> {
    const step = await this.stepRow(em, enrollment.id, enrollment.current_node_id);
    const waiting = step?.status === 'waiting';
    return {
      ...NOTHING_TO_DO,
      steps: [
        {
          kind: waiting ? 'resume' : 'step',
          enrollmentId: enrollment.id,
          nodeId: enrollment.current_node_id,
          ...(waiting && step.resume_at ? { runAt: step.resume_at } : {}),
        },
      ],
    };
  }

  private lock(em: EntityManager, enrollmentId: string): Promise<LockedEnrollment | undefined> {
    return selectOne<LockedEnrollment>(
      em,
      `SELECT id, workspace_id, journey_id, version_id, customer_id, transition_id, status, current_node_id, context, created_at
         FROM enrollments WHERE id = $1 FOR UPDATE`,
      [enrollmentId],
    );
  }

  private stepRow(
    em: EntityManager,
    enrollmentId: string,
    nodeId: string,
  ): Promise<StepRow | undefined> {
    return selectOne<StepRow>(
      em,
      `SELECT status, output, resume_at, (resume_at IS NULL OR resume_at <= now() + interval '1 second') AS resume_due
         FROM enrollment_steps WHERE enrollment_id = $1 AND node_id = $2`,
      [enrollmentId, nodeId],
    );
  }
}

function target(
  enrollment: LockedEnrollment,
  nodeId: string,
  nodeType: string,
  version: CachedVersion | undefined,
): StepTarget {
  return {
    enrollmentId: enrollment.id,
    nodeId,
    nodeType,
    graph: version?.graph ?? { nodes: [], edges: [] },
  };
}

/** FatalActionError, also from a plugin bundling its own copy of the SDK. */
function isFatal(error: unknown): error is Error {
  return error instanceof Error && error.name === 'FatalActionError';
}
