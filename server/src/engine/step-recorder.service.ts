import { Injectable } from '@nestjs/common';
import type { JourneyGraph } from '@switchyard/contracts';
import type { EntityManager } from 'typeorm';
import type { EnrollmentStatus } from './enrollment.types.js';
import type { ScheduledStep } from './journey-scheduler.service.js';
import { nextNodeOf, type StepDecision } from './step-decision.util.js';
import { execute } from '../database/sql.util.js';

/** What to enqueue once the step's transaction has committed. */
export interface StepFollowUp {
  steps: ScheduledStep[];
  outboxIds: string[];
  /** The job came before its time (a wait not yet due): run it again at this time. */
  notBefore: Date | null;
}

export const NOTHING_TO_DO: StepFollowUp = Object.freeze({
  steps: [],
  outboxIds: [],
  notBefore: null,
}) as StepFollowUp;

export interface StepTarget {
  enrollmentId: string;
  nodeId: string;
  nodeType: string;
  graph: JourneyGraph;
}

type StepStatus = 'waiting' | 'completed' | 'failed';

/** Records a step's outcome and moves the enrollment, inside the step's transaction. */
@Injectable()
export class StepRecorder {
  async record(
    em: EntityManager,
    target: StepTarget,
    decision: StepDecision,
  ): Promise<StepFollowUp> {
    switch (decision.kind) {
      case 'advance':
        await this.upsertStep(em, target, 'completed', { output: decision.output });
        return this.advance(em, target, decision.nextNodeId, decision.context);
      case 'wait':
        await this.upsertStep(em, target, 'waiting', {
          output: decision.output,
          resumeAt: decision.resumeAt,
        });
        await this.moveEnrollment(
          em,
          target.enrollmentId,
          'active',
          target.nodeId,
          decision.resumeAt,
          decision.context,
        );
        return {
          ...NOTHING_TO_DO,
          steps: [
            {
              kind: 'resume',
              enrollmentId: target.enrollmentId,
              nodeId: target.nodeId,
              runAt: decision.resumeAt,
            },
          ],
        };
      case 'exit':
        await this.upsertStep(em, target, 'completed', { output: null });
        await this.moveEnrollment(em, target.enrollmentId, 'exited', target.nodeId, null, null);
        return NOTHING_TO_DO;
      case 'fail':
        return this.fail(em, target, decision.error);
      default: {
        const never: never = decision;
        throw new Error(`unknown step decision ${JSON.stringify(never)}`);
      }
    }
  }

  /** A due wait: the step completes and the enrollment follows the wait's output. */
  async resume(
    em: EntityManager,
    target: StepTarget,
    output: string | null,
  ): Promise<StepFollowUp> {
    await this.upsertStep(em, target, 'completed', { output });
    return this.advance(
      em,
      target,
      output === null ? null : nextNodeOf(target.graph, target.nodeId, output),
      null,
    );
  }

  async fail(em: EntityManager, target: StepTarget, error: string): Promise<StepFollowUp> {
    await this.upsertStep(em, target, 'failed', { error: error.slice(0, 2000) });
    await this.moveEnrollment(em, target.enrollmentId, 'failed', target.nodeId, null, null);
    return NOTHING_TO_DO;
  }

  private async advance(
    em: EntityManager,
    target: StepTarget,
    nextNodeId: string | null,
    context: Record<string, unknown> | null,
  ): Promise<StepFollowUp> {
    if (nextNodeId === null) {
      await this.moveEnrollment(em, target.enrollmentId, 'completed', target.nodeId, null, context);
      return NOTHING_TO_DO;
    }
    await this.moveEnrollment(em, target.enrollmentId, 'active', nextNodeId, null, context);
    return {
      ...NOTHING_TO_DO,
      steps: [{ kind: 'step', enrollmentId: target.enrollmentId, nodeId: nextNodeId }],
    };
  }

  private async upsertStep(
    em: EntityManager,
    target: StepTarget,
    status: StepStatus,
    fields: { output?: string | null; error?: string; resumeAt?: Date },
  ): Promise<void> {
    await execute(
      em,
      `INSERT INTO enrollment_steps (enrollment_id, node_id, node_type, status, output, error, resume_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $4 = 'waiting' THEN NULL ELSE now() END)
       ON CONFLICT (enrollment_id, node_id) DO UPDATE SET
         status = EXCLUDED.status,
         output = COALESCE(EXCLUDED.output, enrollment_steps.output),
         error = EXCLUDED.error,
         resume_at = COALESCE(EXCLUDED.resume_at, enrollment_steps.resume_at),
         finished_at = EXCLUDED.finished_at`,
      [
        target.enrollmentId,
        target.nodeId,
        target.nodeType,
        status,
        fields.output ?? null,
        fields.error ?? null,
        fields.resumeAt ?? null,
      ],
    );
  }

  private async moveEnrollment(
    em: EntityManager,
    enrollmentId: string,
    status: EnrollmentStatus,
    currentNodeId: string,
    nextRunAt: Date | null,
    context: Record<string, unknown> | null,
  ): Promise<void> {
    await execute(
      em,
      `UPDATE enrollments SET
         status = $2,
         current_node_id = $3,
         next_run_at = COALESCE($4::timestamptz, now()),
         context = context || $5::jsonb,
         updated_at = now(),
         finished_at = CASE WHEN $2 = 'active' THEN NULL ELSE now() END
       WHERE id = $1`,
      [enrollmentId, status, currentNodeId, nextRunAt, JSON.stringify(context ?? {})],
    );
  }
}
